using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11 item 1: a node stopped with SIGTERM announces STATUS shutdown, which its peers pin at the highest
/// version. Assassinating it afterwards used to carry those versions past the wire format's range, so every
/// peer rejected the assassin's gossip as malformed and convicted the assassin itself DOWN.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class AssassinateAfterCleanShutdownTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // Three times the normal model's detection time: before the fix the assassin was convicted well within it.
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Assassinating_a_cleanly_stopped_node_leaves_it_LEFT_and_the_assassin_stays_UP_on_every_peer()
    {
        using var cluster = new LoopbackCluster(4, output, _ => [.. LoopbackCluster.QuickDetection]);
        await cluster.StartConvergedAsync(Generous);

        var assassin = cluster.Nodes[0];
        var target = cluster.Nodes[3];
        IReadOnlyList<LoopbackNode> observers = [cluster.Nodes[1], cluster.Nodes[2]];
        IReadOnlyList<LoopbackNode> survivors = [assassin, .. observers];

        var exit = await target.StopAsync(Generous);
        Assert.True(exit == 0, $"{target.GossipAddress} did not stop cleanly on SIGTERM (exit {exit?.ToString() ?? "none"})\n{target.Tails()}");
        var shutdown = await cluster.WaitUntilAllSeeAsync(survivors, target.GossipAddress, e => e.State == MembershipState.Shutdown, Generous);
        Assert.True(
            shutdown is not null,
            $"the survivors never saw {target.GossipAddress} shut down:\n{await cluster.DescribeAsync(survivors, target.GossipAddress)}\n{cluster.Tails()}");

        // Forced, so the test does not depend on the safety gate: a stopped node is DOWN, and its phi grows.
        var answer = await assassin.AssassinateAsync(target.GossipAddress, force: true);
        Assert.True(answer.IsOk, $"assassinate {target.GossipAddress} was not accepted: {answer}\n{cluster.Tails()}");

        var left = await cluster.WaitUntilAllSeeAsync(observers, target.GossipAddress, e => e.State == MembershipState.Left, Generous);
        Assert.True(
            left is not null,
            $"the peers never saw the assassinated {target.GossipAddress} LEFT:\n{await cluster.DescribeAsync(observers, target.GossipAddress)}\n{cluster.Tails()}");

        var broken = await Deadline.HoldsForAsync(Watch, async () =>
        {
            foreach (var observer in observers)
            {
                var view = await observer.ViewAsync();
                if (view.Status is null)
                {
                    return $"{observer.GossipAddress} did not answer: {view.Error}";
                }

                var seesAssassin = ClusterConvergence.Find(view.Status, assassin.GossipAddress);
                if (seesAssassin?.Status != Liveness.Up)
                {
                    return $"{observer.GossipAddress} sees the assassin {assassin.GossipAddress} as {seesAssassin?.Code ?? "unknown"}";
                }

                var seesTarget = ClusterConvergence.Find(view.Status, target.GossipAddress);
                if (seesTarget?.State != MembershipState.Left)
                {
                    return $"{observer.GossipAddress} sees the assassinated {target.GossipAddress} as {seesTarget?.Code ?? "unknown"}, no longer LEFT";
                }
            }

            return null;
        });
        Assert.True(broken is null, $"within {Watch.TotalSeconds:0} s after the assassination: {broken}\n{cluster.Tails()}");

        // A conviction between two polls would still be in the log.
        Assert.All(observers, o => Assert.DoesNotContain(o.Lines, l => l.Contains($"{assassin.GossipAddress} is now DOWN", StringComparison.Ordinal)));
        Assert.All(survivors, s => Assert.DoesNotContain(s.Lines, IsCodecError));
    }

    private static bool IsCodecError(string line) =>
        line.Contains("malformed", StringComparison.OrdinalIgnoreCase) ||
        line.Contains("CodecException", StringComparison.Ordinal) ||
        line.Contains("is negative", StringComparison.Ordinal);
}
