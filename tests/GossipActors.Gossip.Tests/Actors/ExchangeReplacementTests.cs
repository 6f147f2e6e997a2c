using GossipActors.Gossip.Transport;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class ExchangeReplacementTests : DeterministicTestKit
{
    public ExchangeReplacementTests() : base(seed: 71) { }

    [Fact]
    public void A_peer_that_does_not_answer_makes_newer_syns_replace_waiting_ones_and_they_are_counted()
    {
        using var cluster = new ActorCluster(this, new SimulatedNetworkOptions { LatencyMs = 2 }, seed: 71);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];
        var before = node.ExchangesReplaced;

        // Unanswered SYNs keep each round open for gossip.round-timeout (2 s) while a new SYN is made every
        // second (1 s): the second waits, the third replaces it.
        cluster.Network.Partition([addresses[0]], [addresses[1]]);
        Time.Advance(TimeSpan.FromSeconds(6));
        RunUntilIdle();

        var after = node.ExchangesReplaced;
        Assert.True(after > before, $"replaced before {before}, after {after}");
        Assert.Equal(node.Runtime.Exchanges.ReplacedCount, after);
    }

    [Fact]
    public void A_healthy_cluster_replaces_no_exchange()
    {
        using var cluster = new ActorCluster(this, new SimulatedNetworkOptions { LatencyMs = 2 }, seed: 72);
        var addresses = cluster.StartConverged(this, 3);
        Time.Advance(TimeSpan.FromSeconds(10));
        RunUntilIdle();

        Assert.All(addresses, a => Assert.Equal(0, cluster.Nodes[a].ExchangesReplaced));
    }
}
