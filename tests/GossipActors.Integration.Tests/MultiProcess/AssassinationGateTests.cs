using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Issue 11 item 4. The safety gate of /assassinate must refuse the dangerous case (a target that is plainly
/// alive) and allow the routine one (cleaning up dead nodes even when several are dead at once; dead peers
/// used to count as "unstable" and block exactly that). A live node assassinated anyway must notice it, say
/// so in its log, show itself LEFT and stop reporting itself healthy.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class AssassinationGateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dead_nodes_are_assassinated_without_force_a_live_one_only_with_force_and_it_then_knows_it_left()
    {
        using var cluster = new LoopbackCluster(4, output, _ => [.. LoopbackCluster.QuickDetection]);
        await cluster.StartConvergedAsync(Generous);

        var (operatorNode, live) = (cluster.Nodes[0], cluster.Nodes[1]);
        IReadOnlyList<LoopbackNode> dead = [cluster.Nodes[2], cluster.Nodes[3]];
        IReadOnlyList<LoopbackNode> running = [operatorNode, live];

        // The gate and /health of an assassinated node are judged at the end, all together, so one run shows
        // every way the node's behaviour falls short; the rest must hold for the scenario to make sense at all.
        var problems = new List<string>();

        foreach (var node in dead)
        {
            node.Kill();
        }

        foreach (var node in dead)
        {
            var down = await cluster.WaitUntilAllSeeAsync(running, node.GossipAddress, e => e.Status == Liveness.Down, Generous);
            Assert.True(down is not null, $"{node.GossipAddress} not seen DOWN:\n{await cluster.DescribeAsync(running, node.GossipAddress)}\n{cluster.Tails()}");
        }

        foreach (var node in dead)
        {
            var cleanup = await operatorNode.AssassinateAsync(node.GossipAddress, force: false);
            if (!cleanup.IsOk)
            {
                problems.Add($"cleanup assassinate of the dead {node.GossipAddress} without force was refused: {cleanup}");
                var forced = await operatorNode.AssassinateAsync(node.GossipAddress, force: true);
                Assert.True(forced.IsOk, $"even a forced assassinate of the dead {node.GossipAddress} failed: {forced}\n{cluster.Tails()}");
            }

            var left = await cluster.WaitUntilAllSeeAsync(running, node.GossipAddress, e => e.State == MembershipState.Left, Generous);
            Assert.True(left is not null, $"{node.GossipAddress} not seen LEFT:\n{await cluster.DescribeAsync(running, node.GossipAddress)}\n{cluster.Tails()}");
        }

        // With the dead gone, the live node is healthy: whatever /health says after its assassination is about that.
        var healthy = await Deadline.PollAsync(Generous, async () => await live.HealthAsync() is { IsOk: true } ok ? ok : null);
        Assert.True(healthy is not null, $"/health of {live.GossipAddress} before its assassination: {await live.HealthAsync()}\n{cluster.Tails()}");

        var gated = await operatorNode.AssassinateAsync(live.GossipAddress, force: false);
        var assassinated = gated.IsOk;
        if (gated.HttpStatus != 409 || !gated.Text.Contains("target-alive rule", StringComparison.Ordinal))
        {
            problems.Add($"assassinate of the live {live.GossipAddress} without force answered {gated}; expected 409 naming the target-alive rule");
        }

        if (!assassinated)
        {
            var forced = await operatorNode.AssassinateAsync(live.GossipAddress, force: true);
            Assert.True(forced.IsOk, $"a forced assassinate of the live {live.GossipAddress} failed: {forced}\n{cluster.Tails()}");
        }

        var learned = await live.Process!.WaitForLineAsync(
            l => l.Contains("fail:", StringComparison.Ordinal) && l.Contains("was assassinated while running", StringComparison.Ordinal), Generous);
        Assert.True(learned is not null, $"{live.GossipAddress} never logged an error that it was assassinated while running\n{live.Tails()}");

        var selfLeft = await Deadline.PollAsync(Generous, async () =>
            (await live.ViewAsync()).Status?.Endpoints.FirstOrDefault(e => e.IsLocal && e.State == MembershipState.Left));
        Assert.True(
            selfLeft is not null,
            $"{live.GossipAddress}'s own /status does not show itself LEFT: {(await live.ViewAsync()).Status?.Endpoints.FirstOrDefault(e => e.IsLocal)?.Code ?? "no answer"}\n{live.Tails()}");
        var seenLeft = await cluster.WaitUntilAllSeeAsync([operatorNode], live.GossipAddress, e => e.State == MembershipState.Left, Generous);
        Assert.True(seenLeft is not null, $"{operatorNode.GossipAddress} does not see the assassinated {live.GossipAddress} LEFT\n{cluster.Tails()}");

        var unhealthy = await Deadline.PollAsync(TimeSpan.FromSeconds(10), async () => await live.HealthAsync() is { IsOk: false } answer ? answer : null);
        if (unhealthy is null)
        {
            problems.Add($"/health of the assassinated {live.GossipAddress} still answers {await live.HealthAsync()}");
        }

        output.WriteLine($"the assassinated node's own status: {selfLeft.Code}; its /health: {await live.HealthAsync()}");
        Assert.True(problems.Count == 0, string.Join("\n", problems) + $"\n{cluster.Tails()}");
    }
}
