using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class JoinTests : DeterministicTestKit
{
    public JoinTests(Xunit.Abstractions.ITestOutputHelper output) : base(seed: 3, output: output) { }

    [Fact]
    public void Three_nodes_join_through_one_seed_and_see_each_other_up()
    {
        using var cluster = new ActorCluster(this);
        var seed = ActorCluster.AddressOf(1);
        var settings = ActorCluster.Settings([seed]);
        var addresses = new[] { seed, ActorCluster.AddressOf(2), ActorCluster.AddressOf(3) };
        var starts = addresses.Select(a => cluster.Add(a, settings).StartAsync()).ToList();

        AwaitCondition(() => starts.All(s => s.IsCompleted), TimeSpan.FromSeconds(40), "all nodes started");
        Assert.All(starts, s => Assert.True(s.IsCompletedSuccessfully, s.Exception?.ToString()));
        AwaitCondition(() => cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(20), "every node sees every other UP");

        var members = AwaitResult(cluster.Nodes[addresses[2]].GetMembersAsync());
        Assert.Equal(addresses.Order(), members.Select(m => m.Endpoint).Order());
        Assert.All(members, m => Assert.Equal(LivenessStatus.Up, m.Liveness));
        Assert.All(members, m => Assert.Equal(EndpointStatus.Normal, m.Status));

        // Each non-local endpoint produced Joined then Up, published by its endpoint actor.
        var events = cluster.Events[addresses[2]];
        foreach (var other in addresses.Where(a => a != addresses[2]))
        {
            var kinds = events.Where(e => e.Endpoint == other).Select(e => e.Kind).ToList();
            Assert.Contains(MembershipEventKind.Joined, kinds);
            Assert.Contains(MembershipEventKind.Up, kinds);
            Assert.True(kinds.IndexOf(MembershipEventKind.Joined) < kinds.IndexOf(MembershipEventKind.Up));
        }
    }
}
