using System.Globalization;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// Issue 12 item 9: the transport carries the application's own Akka messages, not only gossip. With the router's
/// links small in both directions, an application actor's 100 KB message to an actor on the other host stalls
/// without discovery and arrives, sent once, with it: the link finds the path MTU, reconnects clamped for it, and
/// the receiver continues the same association with what the stall had held back.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class ApplicationMessageAcrossBlackHoleTests(ITestOutputHelper output)
{
    private const int Size = 100_000;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [NetnsFact]
    public async Task With_discovery_an_application_actor_s_100_kilobyte_message_crosses_in_both_directions()
    {
        MtuLab.RemoveStale();
        using var lab = MtuLab.Create(smallBothWays: true);

        foreach (var (from, to, fromAddress, toAddress) in Directions(lab))
        {
            using var listener = Start(to, "listen", "akka-listen", "--bind", $"{toAddress}:7000", "--deadline-s", "120");
            Assert.NotNull(await listener.WaitForPrefixAsync("LISTENING", Generous));
            using var sender = Start(
                from,
                "send",
                "akka-send",
                "--bind",
                $"{fromAddress}:7000",
                "--to",
                $"{toAddress}:7000",
                "--size",
                Size.ToString(CultureInfo.InvariantCulture),
                "--stall-timeout-ms",
                "1500",
                "--deadline-s",
                "55");

            Assert.NotNull(await sender.WaitForPrefixAsync("SMALL-OK", Generous));
            Assert.NotNull(await sender.WaitForPrefixAsync("FINDING ", Generous));
            var discovered = await sender.WaitForPrefixAsync("DISCOVERED ", Generous);
            Assert.NotNull(discovered);
            Assert.InRange(int.Parse(discovered["DISCOVERED ".Length..], CultureInfo.InvariantCulture), 1280, MtuLab.PathMtu + 4);
            Assert.Equal($"DELIVERED {Size}", await sender.WaitForPrefixAsync("DELIVERED", Generous));
            Assert.Single(listener.Lines, line => line == $"RECEIVED {Size}");
        }
    }

    [NetnsFact]
    public async Task Without_discovery_the_100_kilobyte_message_stalls_and_the_finding_is_reported()
    {
        MtuLab.RemoveStale();
        using var lab = MtuLab.Create(smallBothWays: true);

        using var listener = Start(lab.B, "listen", "akka-listen", "--bind", $"{MtuLab.AddressB}:7000", "--deadline-s", "60");
        Assert.NotNull(await listener.WaitForPrefixAsync("LISTENING", Generous));
        using var sender = Start(
            lab.A,
            "send",
            "akka-send",
            "--bind",
            $"{MtuLab.AddressA}:7000",
            "--to",
            $"{MtuLab.AddressB}:7000",
            "--size",
            Size.ToString(CultureInfo.InvariantCulture),
            "--discovery",
            "off",
            "--stall-timeout-ms",
            "1500",
            "--deadline-s",
            "12");

        Assert.NotNull(await sender.WaitForPrefixAsync("SMALL-OK", Generous));
        Assert.NotNull(await sender.WaitForPrefixAsync("FINDING ", Generous));
        Assert.NotNull(await sender.WaitForPrefixAsync("TIMEOUT", Generous));
        Assert.DoesNotContain(listener.Lines, line => line.StartsWith("RECEIVED", StringComparison.Ordinal));
    }

    private static IEnumerable<(string From, string To, string FromAddress, string ToAddress)> Directions(MtuLab lab) =>
    [
        (lab.A, lab.B, MtuLab.AddressA, MtuLab.AddressB),
        (lab.B, lab.A, MtuLab.AddressB, MtuLab.AddressA),
    ];

    private NetnsProcess Start(string netns, string role, params string[] arguments) =>
        ProbeProcess.Start(netns, $"{netns} {role}", output, arguments);
}
