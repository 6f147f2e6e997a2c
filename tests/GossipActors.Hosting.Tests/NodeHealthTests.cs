using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.Gossip;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The /health rule on hand-built views: only a member peer that is DOWN is red.</summary>
public sealed class NodeHealthTests
{
    private const string Left = "LEFT,1700000999000";

    [Fact]
    public void Left_removed_assassinated_and_cleanly_shut_down_peers_are_not_red_and_are_counted_apart()
    {
        var health = NodeHealth.Evaluate(
        [
            Members.Local(),
            Members.Up("127.0.0.1:7001"),
            Members.Up("127.0.0.1:7002"),
            Members.Down("127.0.0.1:7003", Left),
            Members.Down("127.0.0.1:7004", Left),
            Members.Down("127.0.0.1:7005", "removed,1700000999000"),
            Members.Down("127.0.0.1:7006", "removing,1700000999000"),
            Members.Down("127.0.0.1:7007", EndpointStatus.ShutdownValue),
        ]);

        Assert.True(health.Joined);
        Assert.True(health.Converged);
        Assert.Equal("joined; all 2 member peers are UP (4 left, 1 shut down)", health.Detail);
    }

    [Fact]
    public void A_member_peer_that_is_down_is_red_and_named_with_the_counts()
    {
        var health = NodeHealth.Evaluate(
        [
            Members.Local(),
            Members.Up("127.0.0.1:7001"),
            Members.Down("127.0.0.1:7009"),
            Members.Down("127.0.0.1:7002"),
            Members.Down("127.0.0.1:7003", Left),
        ]);

        Assert.True(health.Joined);
        Assert.False(health.Converged);
        Assert.Equal("2 of 3 member peers are DOWN: 127.0.0.1:7002, 127.0.0.1:7009 (1 left)", health.Detail);
    }

    [Fact]
    public void One_down_member_peer_is_named_in_the_singular()
    {
        var health = NodeHealth.Evaluate([Members.Local(), Members.Down("127.0.0.1:7001"), Members.Up("127.0.0.1:7002")]);

        Assert.False(health.Converged);
        Assert.Equal("1 of 2 member peers is DOWN: 127.0.0.1:7001", health.Detail);
    }

    [Fact]
    public void A_hibernating_peer_is_not_a_member_and_is_counted_as_such()
    {
        var health = NodeHealth.Evaluate([Members.Local(), Members.Up("127.0.0.1:7001"), Members.Down("127.0.0.1:7002", EndpointStatus.Hibernate + ",true")]);

        Assert.True(health.Converged);
        Assert.Equal("joined; the 1 member peer is UP (1 hibernating)", health.Detail);
    }

    [Fact]
    public void With_only_gone_peers_or_none_the_node_is_converged_and_says_which()
    {
        var gone = NodeHealth.Evaluate([Members.Local(), Members.Down("127.0.0.1:7001", Left)]);
        var alone = NodeHealth.Evaluate([Members.Local()]);

        Assert.True(gone.Converged);
        Assert.Equal("joined; no member peers (1 left)", gone.Detail);
        Assert.True(alone.Converged);
        Assert.Equal("joined; no peers known yet", alone.Detail);
    }

    [Fact]
    public void A_node_whose_own_status_is_left_has_left_the_cluster_and_is_not_healthy()
    {
        var health = NodeHealth.Evaluate([Members.Local(Left), Members.Up("127.0.0.1:7001")]);

        Assert.False(health.Joined);
        Assert.False(health.Converged);
        Assert.Equal(
            $"{Members.Self} has left the cluster (its own STATUS is LEFT: it was decommissioned or assassinated); it must be restarted deliberately to rejoin",
            health.Detail);
    }

    [Fact]
    public void A_node_whose_own_status_is_removed_has_left_the_cluster_too()
    {
        var health = NodeHealth.Evaluate([Members.Local("removed,1700000999000"), Members.Up("127.0.0.1:7001")]);

        Assert.False(health.Joined);
        Assert.Equal($"{Members.Self} has left the cluster (its own STATUS is removed); it must be restarted deliberately to rejoin", health.Detail);
    }

    [Fact]
    public void A_node_whose_own_status_is_shutdown_is_not_healthy()
    {
        var health = NodeHealth.Evaluate([Members.Local(EndpointStatus.ShutdownValue), Members.Up("127.0.0.1:7001")]);

        Assert.False(health.Joined);
        Assert.False(health.Converged);
        Assert.Equal($"{Members.Self} is shutting down (its own STATUS is shutdown)", health.Detail);
    }
}
