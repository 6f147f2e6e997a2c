using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class AdminTests : DeterministicTestKit
{
    public AdminTests() : base(seed: 43) { }

    [Fact]
    public void Assassinate_needs_confirm_and_then_every_node_sees_the_endpoint_left_and_down()
    {
        using var cluster = new ActorCluster(this, seed: 43);
        var addresses = cluster.StartConverged(this, 4);
        var admin = cluster.Nodes[addresses[0]];
        var victim = addresses[3];
        cluster.Crash(victim);

        var refused = AwaitResult(admin.AssassinateAsync(victim, confirm: false));
        Assert.False(refused.Accepted);
        Assert.Contains("confirm=true", refused.Message, StringComparison.Ordinal);
        Assert.Equal(LivenessStatus.Up, cluster.LivenessAt(addresses[0], victim));

        var done = AwaitResult(admin.AssassinateAsync(victim, confirm: true));
        Assert.True(done.Accepted, done.Message);
        AwaitCondition(() => addresses.Take(3).All(a =>
            EndpointStatus.Kind(cluster.ValueAt(a, victim, ApplicationStateKeys.Status)) == EndpointStatus.Left &&
            cluster.LivenessAt(a, victim) == LivenessStatus.Down), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Decommission_gossips_left_and_status_and_gossipinfo_show_it()
    {
        using var cluster = new ActorCluster(this, seed: 47);
        var addresses = cluster.StartConverged(this, 3);
        var leaving = cluster.Nodes[addresses[2]];

        var result = AwaitResult(leaving.DecommissionAsync());
        Assert.True(result.Accepted);
        AwaitCondition(() => EndpointStatus.Kind(cluster.ValueAt(addresses[0], addresses[2], ApplicationStateKeys.Status)) == EndpointStatus.Left,
            TimeSpan.FromSeconds(10));

        var status = AwaitResult(cluster.Nodes[addresses[0]].GetStatusAsync());
        var row = status.Single(r => r.Endpoint == addresses[2]);
        Assert.Equal(EndpointStatus.Left, row.State);
        Assert.Equal("DOWN", row.Liveness);
        Assert.Equal("dc1", row.Dc);
        Assert.Equal(leaving.HostId.ToString("D"), row.HostId);
        Assert.True(status.Single(r => r.IsLocal).Endpoint == addresses[0]);

        var info = AwaitResult(cluster.Nodes[addresses[0]].GetGossipInfoAsync()).Single(e => e.Endpoint == addresses[2]);
        var text = info.ToText();
        Assert.Contains($"/{addresses[2]}", text, StringComparison.Ordinal);
        Assert.Contains("STATUS:", text, StringComparison.Ordinal);
        Assert.Contains($"HOST_ID:", text, StringComparison.Ordinal);
        Assert.Equal(leaving.Generation, info.Generation);
    }
}
