using System.Diagnostics;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11 item 2: decommission announces LEAVING, then LEFT, then the node stops by itself without a shutdown
/// announcement (which used to overwrite LEFT on every peer). Its data directory then refuses to start again
/// unless the operator overrides the decommission deliberately.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class DecommissionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // Long enough for a shutdown announcement, or gossip carrying one, to reach both peers.
    private static readonly TimeSpan AfterExit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_decommissioned_node_goes_LEAVING_then_LEFT_stops_with_0_stays_LEFT_and_rejoins_only_when_overridden()
    {
        using var cluster = new LoopbackCluster(3, output);
        await cluster.StartConvergedAsync(Generous);

        var leaver = cluster.Nodes[2];
        IReadOnlyList<LoopbackNode> stayers = [cluster.Nodes[0], cluster.Nodes[1]];
        var before = await cluster.WaitUntilAllSeeAsync(stayers, leaver.GossipAddress, e => e.Status == Liveness.Up, Generous);
        Assert.True(before is not null, $"{leaver.GossipAddress} not UP on both peers before the decommission\n{cluster.Tails()}");
        var generation = before.Max(e => e.Generation);

        var clock = Stopwatch.StartNew();
        var answer = await leaver.Admin.DecommissionAsync(confirm: true);
        Assert.True(answer.State == MembershipState.Leaving, $"decommission answered {answer.State}, not LEAVING\n{leaver.Tails()}");

        // Every state each peer reports for the leaver, from now until AfterExit past its exit.
        var seen = stayers.ToDictionary(s => s, _ => new List<MembershipState>());
        var exit = leaver.WaitForExitAsync(Generous);
        await WatchAsync(stayers, leaver, seen, until: exit);
        var exitCode = await exit;
        var lingered = clock.Elapsed;
        Assert.True(exitCode == 0, $"the decommissioned node did not stop by itself with 0 (exit {exitCode?.ToString() ?? "none"})\n{leaver.Tails()}");
        output.WriteLine($"decommission to exit: {lingered.TotalSeconds:0.0} s");
        await WatchAsync(stayers, leaver, seen, until: Task.Delay(AfterExit));

        foreach (var (stayer, states) in seen)
        {
            var sequence = string.Join(" -> ", states);
            output.WriteLine($"{stayer.GossipAddress} saw {leaver.GossipAddress} go {sequence}");
            var leaving = states.IndexOf(MembershipState.Leaving);
            var left = states.IndexOf(MembershipState.Left);
            Assert.True(
                leaving >= 0 && left > leaving && states.Skip(left).All(s => s == MembershipState.Left),
                $"{stayer.GossipAddress} saw {leaver.GossipAddress} go {sequence}; expected LEAVING, then LEFT for good\n{cluster.Tails()}");
        }

        // A shutdown announcement is what used to overwrite LEFT. (The leaver's own log is no evidence: the host
        // logs "announced its shutdown" after every stop, even when the node stayed silent.)
        Assert.All(stayers, s => Assert.DoesNotContain(s.Lines, l => l.Contains($"{leaver.GossipAddress} is now DOWN (announced shutdown)", StringComparison.Ordinal)));

        // A node that left is not a failure of the cluster.
        foreach (var stayer in stayers)
        {
            var health = await stayer.HealthAsync();
            Assert.True(health.IsOk, $"/health of {stayer.GossipAddress} after the decommission: {health}\n{cluster.Tails()}");
        }

        leaver.Start();
        var refused = await leaver.WaitForExitAsync(Generous);
        Assert.True(refused is not null and not 0, $"a start with the decommissioned data directory was not refused (exit {refused?.ToString() ?? "none: still running"})\n{leaver.Tails()}");
        Assert.True(refused == 3, $"refused start exited with {refused}, expected 3 (start-up refused: the data dir was decommissioned)\n{leaver.Tails()}");
        Assert.Contains(leaver.Lines, l => l.Contains("was decommissioned", StringComparison.Ordinal));
        Assert.Contains(leaver.Lines, l => l.Contains("--override-decommission", StringComparison.Ordinal));

        leaver.Start("--set", "gossip.override-decommission=on");
        var back = await cluster.WaitUntilAllSeeAsync(
            stayers, leaver.GossipAddress, e => e.Status == Liveness.Up && e.State == MembershipState.Normal && e.Generation > generation, Generous);
        Assert.True(
            back is not null,
            $"{leaver.GossipAddress} started with gossip.override-decommission=on was not seen UN with a generation above {generation}:\n" +
            $"{await cluster.DescribeAsync(stayers, leaver.GossipAddress)}\n{cluster.Tails()}");
        var notReconverged = await cluster.WaitForConvergenceAsync(Generous);
        Assert.True(notReconverged is null, $"{notReconverged}\n{cluster.Tails()}");
    }

    [Fact]
    public async Task Peers_never_dial_a_node_that_was_decommissioned_and_stopped()
    {
        using var cluster = new LoopbackCluster(3, output);
        await cluster.StartConvergedAsync(Generous);

        var leaver = cluster.Nodes[2];
        IReadOnlyList<LoopbackNode> stayers = [cluster.Nodes[0], cluster.Nodes[1]];
        await leaver.Admin.DecommissionAsync(confirm: true);
        var exitCode = await leaver.WaitForExitAsync(Generous);
        Assert.True(exitCode == 0, $"the decommissioned node did not stop by itself with 0 (exit {exitCode?.ToString() ?? "none"})\n{leaver.Tails()}");

        // Each failed connection attempt is logged as "cannot reach ADDRESS"; a departed endpoint gets none.
        var dialled = await Deadline.HoldsForAsync(TimeSpan.FromSeconds(15), () => Task.FromResult(
            stayers.SelectMany(s => s.Lines.Where(l => l.Contains($"cannot reach {leaver.GossipAddress}", StringComparison.Ordinal)))
                .FirstOrDefault()));
        Assert.True(dialled is null, $"a peer dialled the departed {leaver.GossipAddress}: {dialled}\n{cluster.Tails()}");
    }

    /// <summary>Appends each change in what <paramref name="observers"/> report for <paramref name="member"/> until <paramref name="until"/> completes.</summary>
    private static async Task WatchAsync(
        IReadOnlyList<LoopbackNode> observers, LoopbackNode member, Dictionary<LoopbackNode, List<MembershipState>> seen, Task until)
    {
        while (true)
        {
            var stop = until.IsCompleted;
            foreach (var observer in observers)
            {
                var view = await observer.ViewAsync();
                if (view.Status is not null && ClusterConvergence.Find(view.Status, member.GossipAddress) is { } entry)
                {
                    var states = seen[observer];
                    if (states.Count == 0 || states[^1] != entry.State)
                    {
                        states.Add(entry.State);
                    }
                }
            }

            if (stop)
            {
                return;
            }

            await Task.WhenAny(until, Task.Delay(TimeSpan.FromMilliseconds(200)));
        }
    }
}
