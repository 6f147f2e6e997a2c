using System.Diagnostics;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11 item 3: after a power cut every node restarts at about the same time, each in its shadow round,
/// and nobody has state to give. The non-seeds used to give up after gossip.shadow-round-timeout with exit 4
/// ("unable to gossip with any seeds") while the seed waited out the same time-out.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class WholeClusterRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    // Well past the 30 s shadow-round time-out, so a node that gives up after it is caught exiting.
    private static readonly TimeSpan Restart = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Four_nodes_killed_together_and_started_together_converge_and_none_exits()
    {
        await PowerCutAsync(seedLater: TimeSpan.Zero);
    }

    [Fact]
    public async Task Four_nodes_killed_together_converge_when_the_non_seeds_start_10_s_before_the_seed()
    {
        await PowerCutAsync(seedLater: TimeSpan.FromSeconds(10));
    }

    private async Task PowerCutAsync(TimeSpan seedLater)
    {
        using var cluster = new LoopbackCluster(4, output);
        await cluster.StartConvergedAsync(Generous);

        // It is only a restart of members if each node saved the others in its peer table before the cut.
        var remembered = await Deadline.PollAsync(Generous, () => Task.FromResult(
            cluster.Nodes.All(n => n.Remembers(cluster.Members.Where(m => m != n.GossipAddress))) ? "saved" : null));
        Assert.True(remembered is not null, $"not every node saved its peers to peers.json within {Generous.TotalSeconds:0} s\n{cluster.Tails()}");

        cluster.KillAll();
        var seed = cluster.Nodes[0];
        var clock = Stopwatch.StartNew();
        foreach (var node in cluster.Nodes.Skip(1))
        {
            node.Start();
        }

        if (seedLater > TimeSpan.Zero)
        {
            // The scenario itself, not a wait for an outcome: the seed's machine comes back last.
            await Task.Delay(seedLater);
        }

        seed.Start();
        var notReconverged = await cluster.WaitForConvergenceAsync(Restart);
        Assert.True(notReconverged is null, $"after the restart (seed {seedLater.TotalSeconds:0} s later): {notReconverged}\n{cluster.Tails()}");
        output.WriteLine($"converged {clock.Elapsed.TotalSeconds:0.0} s after the first node was started again");
        Assert.All(cluster.Nodes, n => Assert.False(n.Process!.HasExited, $"node {n.Index} exited\n{n.Tails()}"));
    }
}
