using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;
using GossipActors.Cli;
using GossipActors.Cli.Commands;
using GossipActors.Hosting.Admin;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The admin endpoint applies the assassination rules from its own view of liveness, STATUS and phi.</summary>
public sealed class AssassinationAdminTests
{
    [Fact]
    public void The_rules_see_each_peer_with_its_liveness_dead_status_and_phi_but_not_the_local_node()
    {
        var members = new[]
        {
            Members.Local(),
            Members.Up("127.0.0.1:7001"),
            Members.Down("127.0.0.1:7002", "LEFT,1700000999000"),
            Members.Down("127.0.0.1:7003", Protocol.Gossip.EndpointStatus.ShutdownValue),
            Members.Up("127.0.0.1:7004"),
        };
        var detector = new[] { Snapshot(Members.Self, 0), Snapshot("127.0.0.1:7001", 0.08), Snapshot("127.0.0.1:7002", double.PositiveInfinity), Snapshot("127.0.0.1:7003", 9) };

        var peers = ContractMapping.Peers(members, detector);

        Assert.Equal(
            [
                new PeerLiveness("127.0.0.1:7001", IsUp: true, HasDeadStatus: false, 0.08),
                new PeerLiveness("127.0.0.1:7002", IsUp: false, HasDeadStatus: true, double.PositiveInfinity),
                new PeerLiveness("127.0.0.1:7003", IsUp: false, HasDeadStatus: true, 9),
                new PeerLiveness("127.0.0.1:7004", IsUp: true, HasDeadStatus: false, null),
            ],
            peers);
    }

    [Fact]
    public async Task A_healthy_peer_is_refused_by_the_target_alive_rule_and_once_forced_it_learns_it_has_left()
    {
        await using var seed = await TestNode.StartAsync();
        await using var victim = await TestNode.StartAsync(seed: seed.GossipAddress);
        await TwoNodeCluster.WaitConvergedAsync(seed);
        await TwoNodeCluster.WaitConvergedAsync(victim);

        var refused = await Run("assassinate", victim.GossipAddress, "--confirm", "--admin", seed.AdminAddress);

        Assert.True(refused.Code == ExitCodes.Refused, refused.ToString());
        Assert.Contains(
            $"409 Conflict: assassinate {victim.GossipAddress} refused by the target-alive rule: {victim.GossipAddress} is UP with phi ",
            refused.Error,
            StringComparison.Ordinal);
        Assert.Contains("(at or below 7.5), so it is alive; stop or decommission it instead, or pass --force", refused.Error, StringComparison.Ordinal);
        var untouched = await seed.Admin.GetStatusAsync();
        Assert.Contains(untouched.Endpoints, e => e.Address == victim.GossipAddress && e.State == MembershipState.Normal);

        var forced = await Run("assassinate", victim.GossipAddress, "--confirm", "--force", "--admin", seed.AdminAddress);

        Assert.True(forced.Code == ExitCodes.Success, forced.ToString());
        Assert.StartsWith($"warning: assassinate {victim.GossipAddress} forced past the target-alive rule: {victim.GossipAddress} is UP", forced.Error, StringComparison.Ordinal);
        var health = await Eventually.ValueAsync(() => victim.Admin.GetHealthAsync(), h => !h.Joined, "the assassinated node's health saying it has left");
        Assert.False(health.Converged);
        Assert.StartsWith($"{victim.GossipAddress} has left the cluster (its own STATUS is LEFT: it was decommissioned or assassinated)", health.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_two_nodes_stopped_the_cleanup_assassination_of_one_is_not_blocked_by_the_other()
    {
        await using var seed = await TestNode.StartAsync();
        await using var first = await TestNode.StartAsync(seed: seed.GossipAddress);
        await using var second = await TestNode.StartAsync(seed: seed.GossipAddress);
        await TwoNodeCluster.WaitConvergedAsync(seed, expected: 3);

        await first.StopAsync();
        await second.StopAsync();

        // The other stopped node's phi climbing past 7.5 is what used to refuse every cleanup.
        await Eventually.ValueAsync(
            () => seed.Admin.GetStatusAsync(),
            s => s.Endpoints.Any(e => e.Address == second.GossipAddress && e.Status == Liveness.Down && e.Phi > AssassinationSafety.SuspicionPhi)
                && s.Endpoints.Any(e => e.Address == first.GossipAddress && e.Status == Liveness.Down),
            "the seed seeing both stopped nodes DOWN, the second with phi above 7.5");

        var cleanup = await Run("assassinate", first.GossipAddress, "--confirm", "--admin", seed.AdminAddress);

        Assert.True(cleanup.Code == ExitCodes.Success, cleanup.ToString());
        Assert.Empty(cleanup.Error);
    }

    private static EndpointFailureSnapshot Snapshot(string address, double phi) =>
        new(EndpointAddress.Parse(address), phi, false, 1000, 100, 10, 500, 0, 0, false, []);

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, options);
        return (code, output.ToString(), error.ToString());
    }
}
