using Akka.Actor;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class MembershipTests : DeterministicTestKit
{
    public MembershipTests() : base(seed: 5) { }

    [Fact]
    public void Hundred_nodes_see_each_other_within_fifteen_rounds_on_the_full_actor_stack()
    {
        using var cluster = new ActorCluster(this, seed: 7);
        var addresses = Enumerable.Range(1, 100).Select(ActorCluster.AddressOf).ToList();
        var settings = ActorCluster.Settings(addresses.Take(3).ToList());
        var seeds = addresses.Take(3).Select(a => cluster.Add(a, settings).StartAsync()).ToList();
        AwaitCondition(() => seeds.All(s => s.IsCompletedSuccessfully), TimeSpan.FromSeconds(40), "seeds started");

        var startedAt = Time.Elapsed;
        var others = addresses.Skip(3).Select(a => cluster.Add(a, settings).StartAsync()).ToList();
        AwaitCondition(() => cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(15), "every node sees every other UP within 15 rounds");
        Assert.True(Time.Elapsed - startedAt <= TimeSpan.FromSeconds(15));
        Assert.All(others, s => Assert.True(s.IsCompletedSuccessfully));
    }

    [Fact]
    public void Application_state_change_reaches_every_node_as_an_event()
    {
        using var cluster = new ActorCluster(this, seed: 11);
        var addresses = cluster.StartConverged(this, 20);
        var origin = addresses[13];
        var set = cluster.Nodes[origin].SetApplicationStateAsync(ApplicationStateKeys.Schema, "v2");
        AwaitCondition(() => set.IsCompletedSuccessfully, TimeSpan.FromSeconds(1));

        AwaitCondition(() => addresses.All(a => cluster.ValueAt(a, origin, ApplicationStateKeys.Schema) == "v2"), TimeSpan.FromSeconds(15));
        RunUntilIdle();
        Assert.All(addresses, a => Assert.Contains(cluster.Events[a], e =>
            e is MemberStateChanged { Key: ApplicationStateKeys.Schema, Value: "v2" } changed && changed.Endpoint == origin));
        var description = AwaitResult(cluster.Nodes[addresses[0]].DescribeClusterAsync());
        Assert.Contains(origin, description.SchemaVersions["v2"]);
    }

    [Fact]
    public void Restart_with_a_higher_generation_replaces_the_old_state()
    {
        using var cluster = new ActorCluster(this, seed: 3);
        var addresses = cluster.StartConverged(this, 5);
        var victim = addresses[3];
        var oldGeneration = cluster.Nodes[victim].Generation;
        cluster.Nodes[victim].SetApplicationState("OLD_ONLY", "x");
        AwaitCondition(() => cluster.ValueAt(addresses[0], victim, "OLD_ONLY") == "x", TimeSpan.FromSeconds(10));

        cluster.Crash(victim);
        Time.Advance(TimeSpan.FromSeconds(5));
        var restarted = cluster.Add(victim, ActorCluster.Settings([addresses[0]]), new GossipNodeStartOptions { Generation = oldGeneration + 10 });
        var start = restarted.StartAsync();

        AwaitCondition(() => start.IsCompletedSuccessfully && addresses.Take(3).All(a =>
            cluster.Nodes[a].Runtime.Core.Table.HeartBeatOf(victim)?.Generation == oldGeneration + 10 &&
            cluster.LivenessAt(a, victim) == LivenessStatus.Up), TimeSpan.FromSeconds(30));
        Assert.Null(cluster.ValueAt(addresses[0], victim, "OLD_ONLY"));
        Assert.Contains(cluster.Events[addresses[0]], e => e is MemberRestarted && e.Endpoint == victim);
    }

    [Fact]
    public void Shutdown_is_announced_and_peers_mark_the_node_down_at_once()
    {
        using var cluster = new ActorCluster(this, seed: 5);
        var addresses = cluster.StartConverged(this, 5);
        var leaving = addresses[2];
        var stop = cluster.Nodes[leaving].StopAsync();
        AwaitCondition(() => stop.IsCompleted, TimeSpan.FromSeconds(1));
        cluster.Network.Detach(leaving);
        Time.Advance(TimeSpan.FromMilliseconds(50)); // a few latencies, far less than a round

        foreach (var other in addresses.Where(a => a != leaving))
        {
            Assert.Equal(LivenessStatus.Down, cluster.LivenessAt(other, leaving));
            Assert.Contains(cluster.Events[other], e => e is MemberDown { Reason: "announced shutdown" } && e.Endpoint == leaving);
            Assert.Equal(EndpointStatus.ShutdownValue, cluster.ValueAt(other, leaving, ApplicationStateKeys.Status));
        }

        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.All(addresses.Where(a => a != leaving), a => Assert.Equal(LivenessStatus.Down, cluster.LivenessAt(a, leaving)));
    }

    // An application-defined key: LOAD is republished by every node itself.
    private const string Side = "side";

    [Fact]
    public void Partition_then_heal_converges_and_down_nodes_come_back_up_after_echo()
    {
        using var cluster = new ActorCluster(this, seed: 9);
        var addresses = cluster.StartConverged(this, 10);
        var left = addresses.Take(5).ToList();
        var right = addresses.Skip(5).ToList();
        cluster.Network.Partition(left, right);
        cluster.Nodes[left[1]].SetApplicationState(Side, "left-side");
        cluster.Nodes[right[3]].SetApplicationState(Side, "right-side");

        AwaitCondition(() => cluster.LivenessAt(left[0], right[4]) == LivenessStatus.Down, TimeSpan.FromSeconds(60),
            "the failure detector did not convict across the partition");
        Assert.Equal("left-side", cluster.ValueAt(left[4], left[1], Side));
        Assert.Null(cluster.ValueAt(right[4], left[1], Side));
        Assert.Contains(cluster.Events[left[0]], e => e is MemberDown && e.Endpoint == right[4]);

        var healedAt = Time.GetUtcNow();
        cluster.Network.Heal();
        AwaitCondition(() => cluster.AllSeeAllUp(addresses) && addresses.All(a =>
            cluster.ValueAt(a, left[1], Side) == "left-side" &&
            cluster.ValueAt(a, right[3], Side) == "right-side"), TimeSpan.FromSeconds(60));
        Assert.Contains(cluster.Events[left[0]], e => e is MemberUp && e.Endpoint == right[4] && e.At >= healedAt);
    }

    [Fact]
    public void Cluster_name_mismatch_is_dropped_and_the_stranger_cannot_start()
    {
        using var cluster = new ActorCluster(this);
        var seed = ActorCluster.AddressOf(1);
        var good = cluster.Add(seed, ActorCluster.Settings([seed], "prod"));
        var stranger = cluster.Add(ActorCluster.AddressOf(2), ActorCluster.Settings([seed], "staging"));
        var goodStart = good.StartAsync();
        var strangerStart = stranger.StartAsync();
        AwaitCondition(() => strangerStart.IsCompleted, TimeSpan.FromSeconds(40));

        Assert.True(goodStart.IsCompletedSuccessfully);
        var failure = Assert.IsType<SeedsUnreachableException>(strangerStart.Exception?.InnerException);
        Assert.Contains(seed.ToString(), failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AwaitResult(good.GetMembersAsync()), m => m.Endpoint == stranger.LocalEndpoint);
    }

    [Fact]
    public void Evicted_endpoint_is_quarantined_and_stale_gossip_does_not_bring_it_back()
    {
        using var cluster = new ActorCluster(this, seed: 17);
        var settings = ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: "gossip.dead-endpoint-expiry = 30s");
        var addresses = cluster.StartConverged(this, 4, settings);
        var victim = addresses[3];
        var staleState = cluster.Nodes[addresses[0]].Runtime.Core.Table.Get(victim)!;
        cluster.Crash(victim);

        AwaitCondition(() => cluster.Events[addresses[0]].Any(e => e is MemberRemoved && e.Endpoint == victim), TimeSpan.FromSeconds(90),
            "the dead endpoint was not evicted after gossip.dead-endpoint-expiry");
        var observer = cluster.Nodes[addresses[0]];
        Assert.True(observer.Runtime.Core.IsQuarantined(victim));

        // A peer that missed the removal sends the old state: ignored while quarantined.
        var stale = new EndpointStateList(1);
        stale.Add(victim, staleState);
        observer.Gossiper.Tell(new GossipEnvelope(addresses[1], addresses[0], new GossipDigestAck2(stale)), ActorRefs.NoSender);
        RunUntilIdle();
        Assert.DoesNotContain(AwaitResult(observer.GetMembersAsync()), m => m.Endpoint == victim);
        var endpointActor = AwaitResult(observer.Gossiper.AskNow<IActorRef>(Sys, new GossipActors.Gossip.Actors.GetEndpointActor(victim)));
        Assert.Equal(ActorRefs.Nobody, endpointActor);
    }
}
