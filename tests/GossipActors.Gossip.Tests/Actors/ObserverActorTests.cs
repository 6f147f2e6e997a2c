using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// The actor tree with <c>observers = 3</c> (what <c>auto</c> is above eight nodes), on virtual time: the same rules as
/// the simulation.
/// </summary>
public sealed class ObserverActorTests : DeterministicTestKit
{
    public ObserverActorTests() : base(seed: 37) { }

    [Fact]
    public void Each_node_observes_three_peers_an_observers_conviction_is_DOWN_on_every_survivor_and_healing_brings_it_back_UP()
    {
        using var cluster = new ActorCluster(this, seed: 37);
        var addresses = cluster.StartConverged(this, 6, ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: "gossip.failure-detector.observers = 3"));
        Time.Advance(TimeSpan.FromSeconds(10));
        foreach (var address in addresses)
        {
            var report = AwaitResult(cluster.Nodes[address].GetFailureDetectorReportAsync());
            Assert.Equal(3, report.Endpoints.Count(e => e.Observed));
        }

        var victim = addresses[4];
        var survivors = addresses.Where(a => a != victim).ToList();
        cluster.Network.Partition([victim]);
        var isolatedAt = Time.GetUtcNow();
        AwaitCondition(() => survivors.All(s => cluster.Events[s].Any(e => e is MemberDown && e.Endpoint == victim)), TimeSpan.FromSeconds(30));

        var downs = survivors.Select(s => cluster.Events[s].OfType<MemberDown>().First(e => e.Endpoint == victim)).ToList();
        Assert.All(downs, d => Assert.Contains("one of its observers", d.Reason, StringComparison.Ordinal));
        Assert.All(downs, d => Assert.InRange((d.At - isolatedAt).TotalSeconds, 4.0, 6.0));
        var bystander = survivors.First(s => !AwaitResult(cluster.Nodes[s].GetFailureDetectorReportAsync()).Endpoints.Single(e => e.Endpoint == victim).Observed);
        var seenByBystander = AwaitResult(cluster.Nodes[bystander].GetFailureDetectorReportAsync()).Endpoints.Single(e => e.Endpoint == victim);
        Assert.NotNull(seenByBystander.ConvictedBy);
        Assert.Contains($"convicted by {seenByBystander.ConvictedBy}", downs[survivors.IndexOf(bystander)].Reason, StringComparison.Ordinal);

        cluster.Network.Heal();
        AwaitCondition(() => survivors.All(s => cluster.LivenessAt(s, victim) == Protocol.Gossip.LivenessStatus.Up), TimeSpan.FromSeconds(30),
            "the healed node did not come back UP everywhere");
        Assert.All(survivors, s => Assert.Null(AwaitResult(cluster.Nodes[s].GetFailureDetectorReportAsync()).Endpoints.Single(e => e.Endpoint == victim).ConvictedBy));
    }
}
