using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11 item 5: an endpoint that left for good stays LEFT after every remaining node was restarted. The
/// peer table used to save it as an ordinary peer, so after the restart it came back as a DOWN, JOINING
/// endpoint of generation 0 that made /health fail and was announced as joining.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class LeftSurvivesRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // Several gossip rounds among the restarted nodes: time for any stale state about the departed one to spread.
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_assassinated_endpoint_is_still_LEFT_after_the_rest_of_the_cluster_restarts_and_health_is_200()
    {
        using var cluster = new LoopbackCluster(4, output, _ => [.. LoopbackCluster.QuickDetection]);
        await cluster.StartConvergedAsync(Generous);

        var departed = cluster.Nodes[3];
        IReadOnlyList<LoopbackNode> rest = [.. cluster.Nodes.Take(3)];
        var seed = rest[0];
        departed.Kill();
        var down = await cluster.WaitUntilAllSeeAsync(rest, departed.GossipAddress, e => e.Status == Liveness.Down, Generous);
        Assert.True(down is not null, $"{departed.GossipAddress} not seen DOWN:\n{await cluster.DescribeAsync(rest, departed.GossipAddress)}\n{cluster.Tails()}");

        // Forced, so the test does not depend on the safety gate.
        var answer = await seed.AssassinateAsync(departed.GossipAddress, force: true);
        Assert.True(answer.IsOk, $"assassinate {departed.GossipAddress} was not accepted: {answer}\n{cluster.Tails()}");
        var left = await cluster.WaitUntilAllSeeAsync(rest, departed.GossipAddress, e => e.State == MembershipState.Left, Generous);
        Assert.True(left is not null, $"{departed.GossipAddress} not seen LEFT:\n{await cluster.DescribeAsync(rest, departed.GossipAddress)}\n{cluster.Tails()}");

        var exits = await LoopbackCluster.StopAsync(rest, Generous);
        Assert.True(exits.All(e => e == 0), $"SIGTERM exits: {string.Join(", ", exits)}\n{cluster.Tails()}");

        // The seed first, then the others: the order an operator restarts in, and one that does not depend on
        // the whole-cluster shadow-round rule (item 3). Its peers are all down, so it need not wait the 30 s default.
        seed.Start("--set", "gossip.shadow-round-timeout=5s");
        var seedJoined = await seed.Process!.WaitForTextAsync("joined cluster", Generous);
        Assert.True(seedJoined is not null, $"the restarted seed never joined\n{seed.Tails()}");
        foreach (var node in rest.Skip(1))
        {
            node.Start();
        }

        var notReconverged = await cluster.WaitForConvergenceAsync(Generous, among: rest);
        Assert.True(notReconverged is null, $"after the restart: {notReconverged}\n{cluster.Tails()}");

        var forgotten = await Deadline.HoldsForAsync(Watch, async () =>
        {
            foreach (var node in rest)
            {
                var view = await node.ViewAsync();
                var entry = view.Status is null ? null : ClusterConvergence.Find(view.Status, departed.GossipAddress);
                if (entry?.State != MembershipState.Left)
                {
                    return $"{node.GossipAddress} shows the departed {departed.GossipAddress} as " +
                           (view.Error ?? (entry is null ? "unknown" : $"{entry.Code} generation {entry.Generation}"));
                }
            }

            return null;
        });
        Assert.True(forgotten is null, $"after the restart: {forgotten}\n{cluster.Tails()}");

        foreach (var node in rest)
        {
            var health = await node.HealthAsync();
            Assert.True(health.IsOk, $"/health of the restarted {node.GossipAddress}: {health}\n{cluster.Tails()}");
            Assert.DoesNotContain(node.Lines, l => l.Contains($"{departed.GossipAddress} joined", StringComparison.Ordinal));

            // Restored as departed, it is neither probed in the shadow round nor gossiped with: never dialled.
            Assert.DoesNotContain(node.Lines, l => l.Contains($"cannot reach {departed.GossipAddress}", StringComparison.Ordinal));
        }
    }
}
