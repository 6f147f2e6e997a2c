using GossipActors.AdminClient.Contract;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 7: three real node processes converge, one is SIGKILLed and both survivors convict it, then it restarts
/// from the same data directory and both survivors see it UP again under a higher generation.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class CrashAndRestartTests(ITestOutputHelper output)
{
    // Generous: detection alone takes 20-40 s at the default phi threshold of 8, and CI machines are busy.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Three_processes_converge_a_killed_node_goes_down_on_both_survivors_and_comes_back_up_with_a_higher_generation()
    {
        using var cluster = new LoopbackCluster(3, output);
        await cluster.StartConvergedAsync(Generous);

        var victim = cluster.Nodes[2];
        var survivors = cluster.Nodes.Take(2).ToList();
        var before = await cluster.WaitUntilAllSeeAsync(survivors, victim.GossipAddress, e => e.Status == Liveness.Up, Generous);
        Assert.True(before is not null, $"survivors lost sight of {victim.GossipAddress} before the kill\n{cluster.Tails()}");
        var oldGeneration = before.Max(e => e.Generation);

        victim.Kill();
        var down = await cluster.WaitUntilAllSeeAsync(survivors, victim.GossipAddress, e => e.Status == Liveness.Down, Generous);
        Assert.True(
            down is not null,
            $"{victim.GossipAddress} not seen DOWN by both survivors within {Generous.TotalSeconds:0} s:\n" +
            $"{await cluster.DescribeAsync(survivors, victim.GossipAddress)}\n{cluster.Tails()}");
        Assert.All(survivors, s => Assert.Contains(s.Process!.Lines, l => l.Contains($"{victim.GossipAddress} is now DOWN", StringComparison.Ordinal)));

        victim.Start();
        var back = await cluster.WaitUntilAllSeeAsync(
            survivors, victim.GossipAddress, e => e.Status == Liveness.Up && e.Generation > oldGeneration, Generous);
        Assert.True(
            back is not null,
            $"restarted {victim.GossipAddress} not seen UP with a generation above {oldGeneration} by both survivors:\n" +
            $"{await cluster.DescribeAsync(survivors, victim.GossipAddress)}\n{cluster.Tails()}");
        output.WriteLine($"generation {oldGeneration} -> {string.Join(", ", back.Select(e => e.Generation))}");

        // The restarted node rejoins as a full member: it sees both survivors UP again too.
        var notReconverged = await cluster.WaitForConvergenceAsync(Generous);
        Assert.True(notReconverged is null, $"{notReconverged}\n{cluster.Tails()}");
    }
}
