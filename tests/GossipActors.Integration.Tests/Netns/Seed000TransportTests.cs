using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// Issue 6 item 8 at the transport level: the physics of seed 000 in real network namespaces, proven with the
/// probe process before the node exists. Each test builds and removes its own lab.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class Seed000TransportTests(ITestOutputHelper output)
{
    private const int LargeMessage = 37 * 1024;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [NetnsFact]
    public async Task Without_clamp_or_discovery_large_messages_stall_both_ways_while_small_ones_flow_and_the_finding_is_logged()
    {
        using var lab = CreateLab();

        foreach (var (from, to, toAddress) in Directions(lab))
        {
            using var listener = StartListener(lab, to, toAddress);
            using var sender = StartSender(from, DirectionLabel(from, lab), toAddress, "--discovery", "off", "--deadline-s", "12");

            Assert.NotNull(await sender.WaitForPrefixAsync("SMALL-OK", Generous));
            var finding = await sender.WaitForPrefixAsync("FINDING ", Generous);
            Assert.NotNull(finding);
            Assert.Equal(
                $"FINDING peer {toAddress}:7000: writes of {MtuLab.HostMtu - 40}-byte segments are not acknowledged while small ones are; " +
                $"the path MTU is probably smaller than this host's interface MTU ({MtuLab.HostMtu}). Set remote.mtu to the path MTU (for example 1280).",
                finding);
            Assert.NotNull(await sender.WaitForPrefixAsync("TIMEOUT", Generous));
            Assert.DoesNotContain(sender.Lines, line => line.StartsWith("DELIVERED", StringComparison.Ordinal));
            Assert.DoesNotContain(listener.Lines, line => line.StartsWith("RECEIVED", StringComparison.Ordinal));
        }
    }

    [NetnsFact]
    public async Task With_mtu_1422_the_37_kilobyte_message_arrives_both_ways()
    {
        using var lab = CreateLab();

        foreach (var (from, to, toAddress) in Directions(lab))
        {
            using var listener = StartListener(lab, to, toAddress);
            using var sender = StartSender(from, DirectionLabel(from, lab), toAddress, "--mtu", "1422", "--discovery", "off", "--deadline-s", "30");

            Assert.Equal($"DELIVERED {LargeMessage} clamp=1422", await sender.WaitForPrefixAsync("DELIVERED", Generous));
            Assert.NotNull(await listener.WaitForPrefixAsync($"RECEIVED ack {LargeMessage}", Generous));
            Assert.DoesNotContain(sender.Lines, line => line.StartsWith("FINDING", StringComparison.Ordinal));
        }
    }

    [NetnsFact]
    public async Task With_discovery_on_the_message_arrives_and_the_discovered_mtu_is_logged()
    {
        using var lab = CreateLab();

        foreach (var (from, to, toAddress) in Directions(lab))
        {
            using var listener = StartListener(lab, to, toAddress);
            using var sender = StartSender(from, DirectionLabel(from, lab), toAddress, "--discovery", "on", "--deadline-s", "55");

            var discovered = await sender.WaitForPrefixAsync("DISCOVERED ", Generous);
            Assert.NotNull(discovered);
            var mtu = int.Parse(discovered["DISCOVERED ".Length..], CultureInfo.InvariantCulture);
            // A→B meets the router's forwarding check: exactly the link MTU. B→A meets the veth's receive check,
            // which allows 4 bytes of VLAN tag on top of the MTU: up to 1426 really passes on that path.
            Assert.InRange(mtu, MtuLab.PathMtu, MtuLab.PathMtu + 4);
            Assert.Equal($"DELIVERED {LargeMessage} clamp={mtu}", await sender.WaitForPrefixAsync("DELIVERED", Generous));
            Assert.Contains(sender.Lines, line => line.Contains($"discovered path MTU {mtu} to {toAddress}:7000", StringComparison.Ordinal));
        }
    }

    private static string DirectionLabel(string from, MtuLab lab) => from == lab.A ? "A" : "B";

    private static IEnumerable<(string From, string To, string ToAddress)> Directions(MtuLab lab) =>
    [
        (lab.B, lab.A, MtuLab.AddressA),
        (lab.A, lab.B, MtuLab.AddressB),
    ];

    // NetnsFact has already skipped the test where namespaces cannot be used.
    private static MtuLab CreateLab()
    {
        MtuLab.RemoveStale();
        return MtuLab.Create();
    }

    private NetnsProcess StartListener(MtuLab lab, string netns, string address)
    {
        var listener = ProbeProcess.Start(netns, netns == lab.A ? "A listen" : "B listen", output, "listen", "--bind", $"{address}:7000", "--deadline-s", "120");
        Assert.NotNull(listener.WaitForPrefixAsync("LISTENING", Generous).GetAwaiter().GetResult());
        return listener;
    }

    private NetnsProcess StartSender(string netns, string label, string toAddress, params string[] extra)
    {
        var self = toAddress == MtuLab.AddressA ? MtuLab.AddressB : MtuLab.AddressA;
        return ProbeProcess.Start(
            netns,
            label + " send",
            output,
            ["send", "--bind", $"{self}:7000", "--to", $"{toAddress}:7000", "--size", LargeMessage.ToString(CultureInfo.InvariantCulture), "--stall-timeout-ms", "1500", .. extra]);
    }
}

// Not DisableParallelization: that would run the namespace tests alone after everything else; within the collection
// they already run one at a time, and beside the loopback collection they keep the project under 2 minutes.
[CollectionDefinition(Name)]
public sealed class NetnsCollection
{
    public const string Name = "network namespaces";
}
