using System.Globalization;
using System.Text.Json;
using GossipActors.AdminClient.Contract;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// Issue 6 item 8 with real nodes: one GossipActors.Node per host of the seed 000 lab. B is the seed and carries a
/// 37 KB application state, so the shadow round's answer to A is a 37 KB ACK that the 1422-byte link black-holes
/// unless the transport is told (remote.mtu) or finds out (remote.mtu-discovery). Each test builds and removes
/// its own lab; the admin endpoints listen on each namespace's own loopback and are read with gossipctl run
/// inside the namespace.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class Seed000NodeTests(ITestOutputHelper output) : IDisposable
{
    private const int BigStateBytes = 37 * 1024;
    private const string GossipPort = "7000";
    private const string AdminAddress = "127.0.0.1:7199";
    private static readonly string SeedB = $"{MtuLab.AddressB}:{GossipPort}";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"gossipactors-netns-{Environment.ProcessId}-{Guid.NewGuid():N}");
    private readonly List<ChildProcess> _processes = [];

    [NetnsFact]
    public async Task Without_mtu_and_with_discovery_off_a_fails_to_start_with_the_seeds_diagnosis_naming_the_stalled_large_writes()
    {
        using var lab = CreateLab();

        using var b = await StartSeedAsync(lab, "--set", "remote.mtu-discovery=off");
        using var a = StartA(lab, "--set", "remote.mtu-discovery=off", "--set", "gossip.shadow-round-timeout=20s");

        Assert.True(await a.WaitForExitAsync(Generous), $"A still running after {Generous.TotalSeconds:0} s\n{Tails()}");
        Assert.True(a.ExitCode != 0, $"A's start-up succeeded through the black hole\n{Tails()}");
        var diagnosis = a.Output;
        Assert.True(diagnosis.Contains("Unable to gossip with any seeds", StringComparison.Ordinal), $"no seeds diagnosis\n{Tails()}");
        Assert.True(diagnosis.Contains(SeedB, StringComparison.Ordinal), $"the diagnosis does not name the seed {SeedB}\n{Tails()}");
        Assert.True(
            diagnosis.Contains("are not acknowledged while small ones are", StringComparison.Ordinal),
            $"the diagnosis does not name the stalled large writes\n{Tails()}");
        Assert.True(diagnosis.Contains("remote.mtu", StringComparison.Ordinal), $"the diagnosis does not point at remote.mtu\n{Tails()}");
    }

    [NetnsFact]
    public async Task With_mtu_1422_the_nodes_converge_and_a_holds_bs_37_kilobyte_state()
    {
        using var lab = CreateLab();

        using var b = await StartSeedAsync(lab, "--set", "remote.mtu=1422", "--set", "remote.mtu-discovery=off");
        using var a = StartA(lab, "--set", "remote.mtu=1422", "--set", "remote.mtu-discovery=off");

        await AssertConvergedAsync(lab, a, b);
        Assert.DoesNotContain(a.Lines.Concat(b.Lines), l => l.Contains("not acknowledged while small ones are", StringComparison.Ordinal));
    }

    [NetnsFact]
    public async Task With_discovery_on_and_no_mtu_the_nodes_converge_and_the_log_shows_the_discovered_mtu()
    {
        using var lab = CreateLab();

        using var b = await StartSeedAsync(lab);
        using var a = StartA(lab);

        await AssertConvergedAsync(lab, a, b);
        var discovered = a.Lines.Concat(b.Lines).FirstOrDefault(l => l.Contains("discovered path MTU ", StringComparison.Ordinal));
        Assert.True(discovered is not null, $"neither log shows a discovered path MTU\n{Tails()}");
        var mtu = int.Parse(discovered.Split("discovered path MTU ")[1].Split(' ')[0], CultureInfo.InvariantCulture);
        // A→B meets the router's forwarding check (exactly 1422); B→A the veth's receive check, which lets 4 more bytes through.
        Assert.InRange(mtu, MtuLab.PathMtu - 64, MtuLab.PathMtu + 4);
        output.WriteLine($"discovered: {discovered}");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp clean-up.
        }
    }

    private async Task AssertConvergedAsync(MtuLab lab, ChildProcess a, ChildProcess b)
    {
        Assert.True(
            await a.WaitForTextAsync($"{SeedB} is now UP", Generous) is not null,
            $"A never logged {SeedB} UP\n{Tails()}");
        Assert.True(
            await b.WaitForTextAsync($"{MtuLab.AddressA}:{GossipPort} is now UP", Generous) is not null,
            $"B never logged A UP\n{Tails()}");

        // A holds B's state: the 37 KB really crossed the 1422-byte link (read from A's admin API inside its namespace).
        var info = await Deadline.PollAsync(Generous, async () =>
        {
            var gossip = await GossipInfoInsideAsync(lab.A);
            var big = gossip?.Endpoints.FirstOrDefault(e => e.Address == SeedB)?.ApplicationStates.FirstOrDefault(s => s.Name == "BIG");
            return big;
        });
        Assert.True(info is not null, $"A's /gossipinfo never showed B's BIG state\n{Tails()}");
        Assert.Equal(BigState(), info.Value);
    }

    private async Task<GossipInfoResponse?> GossipInfoInsideAsync(string netns)
    {
        using var ctl = ChildProcess.StartDotnet("gossipctl@" + netns, output: null, netns, Programs.GossipCtlDll, "--admin", AdminAddress, "gossipinfo", "--json");
        if (!await ctl.WaitForExitAsync(TimeSpan.FromSeconds(60)) || ctl.ExitCode != 0)
        {
            output.WriteLine($"gossipctl in {netns}: {(ctl.HasExited ? ctl.ExitCode.ToString(CultureInfo.InvariantCulture) : "hung")} {string.Join(' ', ctl.Lines.Take(3))}");
            return null;
        }

        return JsonSerializer.Deserialize(string.Concat(ctl.Lines), AdminJsonContext.Default.GossipInfoResponse);
    }

    private async Task<ChildProcess> StartSeedAsync(MtuLab lab, params string[] settings)
    {
        var b = StartNode(lab.B, "B", MtuLab.AddressB, ["--app-state", $"BIG={BigState()}", .. settings]);
        Assert.True(
            await b.WaitForTextAsync("joined cluster", Generous) is not null,
            $"seed B did not start\n{Tails()}");
        return b;
    }

    private ChildProcess StartA(MtuLab lab, params string[] settings) => StartNode(lab.A, "A", MtuLab.AddressA, settings);

    private ChildProcess StartNode(string netns, string label, string address, string[] extra)
    {
        var data = Path.Combine(_root, label);
        Directory.CreateDirectory(data);
        var node = ChildProcess.StartDotnet(
            label,
            output,
            netns,
            Programs.NodeDll,
            [
                "--listen", $"{address}:{GossipPort}",
                "--seeds", SeedB,
                "--admin", AdminAddress,
                "--data-dir", data,
                "--cluster-name", "seed000",
                .. extra,
            ]);
        _processes.Add(node);
        return node;
    }

    private string Tails() => string.Join('\n', _processes.Select(p => p.Tail(60)));

    /// <summary>37 KB of printable text that is not one repeated character, so a truncation or mix-up shows.</summary>
    private static string BigState() =>
        string.Create(BigStateBytes, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i * 7 % 26));
            }
        });

    // NetnsFact has already skipped the test where namespaces cannot be used.
    private static MtuLab CreateLab()
    {
        MtuLab.RemoveStale();
        return MtuLab.Create();
    }
}
