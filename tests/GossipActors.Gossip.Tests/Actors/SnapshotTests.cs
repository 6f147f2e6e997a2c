using Akka.Actor;
using GossipActors.TestKit;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class SnapshotTests : DeterministicTestKit
{
    public SnapshotTests() : base(seed: 67) { }

    [Fact]
    public void After_convergence_every_node_reads_its_members_from_the_snapshot_without_asking_the_gossiper()
    {
        using var cluster = new ActorCluster(this, seed: 67);
        var addresses = cluster.StartConverged(this, 4);

        // Read between pumps: nothing runs, so a read that needed the gossiper could not complete.
        foreach (var address in addresses)
        {
            var node = cluster.Nodes[address];
            var snapshot = node.CurrentSnapshot;
            Assert.Equal(GossipNodePhase.Running, snapshot.Phase);
            Assert.Equal(address, snapshot.LocalEndpoint);
            Assert.Equal(addresses.Order(), snapshot.Members.Select(m => m.Endpoint));
            Assert.All(snapshot.Members, m => Assert.True(m.IsUp, $"{address} sees {m.Endpoint} {m.Liveness}"));
            Assert.All(snapshot.Members, m => Assert.Equal(EndpointStatus.Normal, m.Status));
            Assert.Equal(address, Assert.Single(snapshot.Members, m => m.IsLocal).Endpoint);
            Assert.All(addresses, other => Assert.Equal(cluster.Nodes[other].HostId.ToString("D"), snapshot.Member(other)!.Get(ApplicationStateKeys.HostId)));
            Assert.All(addresses, other => Assert.Equal(cluster.Nodes[other].Generation, snapshot.Member(other)!.Generation));
        }

        // What the gossiper answers when asked is what the snapshot already said.
        var asked = AwaitResult(cluster.Nodes[addresses[1]].GetViewAsync());
        var read = cluster.Nodes[addresses[1]].CurrentSnapshot;
        Assert.Equal(
            asked.Members.Select(m => (m.Endpoint, m.Liveness, m.HeartBeat.Generation, m.ApplicationStates)),
            read.Members.Select(m => (m.Endpoint, m.Liveness, m.Generation, m.ApplicationStates)));

        var origin = cluster.Nodes[addresses[2]];
        var set = origin.SetApplicationStateAsync("SCHEMA", "v2");
        AwaitCondition(() => set.IsCompleted, TimeSpan.FromSeconds(5));
        Assert.True(set.IsCompletedSuccessfully);
        Assert.Equal("v2", origin.CurrentSnapshot.Member(addresses[2])!.Get("SCHEMA"));
        AwaitCondition(
            () => addresses.All(a => cluster.Nodes[a].CurrentSnapshot.Member(addresses[2])?.Get("SCHEMA") == "v2"),
            TimeSpan.FromSeconds(10),
            "every node's snapshot shows the new SCHEMA");
    }

    [Fact]
    public void Between_steps_the_snapshot_equals_the_core_through_start_up_a_crash_a_shutdown_a_decommission_and_an_assassination()
    {
        using var cluster = new ActorCluster(this, seed: 71);
        var addresses = Enumerable.Range(1, 5).Select(ActorCluster.AddressOf).ToList();
        var settings = ActorCluster.Settings([addresses[0]]);
        var running = new List<EndpointAddress>();
        var checks = 0;

        void Step(TimeSpan span, string when)
        {
            // Steps of 100 ms catch the liveness moves the core reports without an event (an echo sent, a silent mark-down).
            for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromMilliseconds(100))
            {
                Time.Advance(TimeSpan.FromMilliseconds(100));
                foreach (var address in running)
                {
                    SnapshotChecks.AssertMatchesCore(cluster.Nodes[address], $"{when} at {Time.Elapsed}");
                    checks++;
                }
            }
        }

        foreach (var address in addresses)
        {
            _ = cluster.Add(address, settings).StartAsync();
            running.Add(address);
            SnapshotChecks.AssertMatchesCore(cluster.Nodes[address], "before start-up ran");
        }

        Step(TimeSpan.FromSeconds(12), "starting");
        Assert.True(cluster.AllSeeAllUp(addresses), "the five nodes converged");

        cluster.Crash(addresses[4]);
        running.Remove(addresses[4]);
        Step(TimeSpan.FromSeconds(20), "after a crash");
        Assert.Equal(LivenessStatus.Down, cluster.Nodes[addresses[0]].CurrentSnapshot.Member(addresses[4])!.Liveness);

        _ = cluster.Nodes[addresses[3]].StopAsync();
        running.Remove(addresses[3]);
        Step(TimeSpan.FromSeconds(3), "after a shutdown");
        Assert.Equal(EndpointStatus.ShutdownValue, cluster.Nodes[addresses[0]].CurrentSnapshot.Member(addresses[3])!.Status);

        _ = cluster.Nodes[addresses[2]].DecommissionAsync();
        Step(TimeSpan.FromSeconds(6), "during a decommission");
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(cluster.Nodes[addresses[0]].CurrentSnapshot.Member(addresses[2])!.Status));

        _ = cluster.Nodes[addresses[0]].AssassinateAsync(addresses[4], confirm: true);
        Step(TimeSpan.FromSeconds(3), "after an assassination");
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(cluster.Nodes[addresses[1]].CurrentSnapshot.Member(addresses[4])!.Status));
        Assert.True(checks > 1000, $"{checks} checks");
    }

    [Fact]
    public void A_mark_down_the_core_reports_without_an_event_still_reaches_the_snapshot()
    {
        using var cluster = new ActorCluster(this, seed: 97);
        var addresses = cluster.StartConverged(this, 3);
        var observer = cluster.Nodes[addresses[0]];
        var generation = observer.Generation;

        // Two endpoints nobody runs: gossip about them arrives, their echoes go nowhere, so they stay ECHO_PENDING.
        var ghosts = new[] { ActorCluster.AddressOf(20), ActorCluster.AddressOf(21) };
        var states = new EndpointStateList(ghosts.Length);
        foreach (var ghost in ghosts)
        {
            states.Add(ghost, EndpointState.Create(new HeartBeatState(generation, 5)).With(ApplicationStateKeys.Status, new VersionedValue(EndpointStatus.Normal, 6)));
        }

        observer.Gossiper.Tell(new GossipEnvelope(addresses[1], addresses[0], new GossipDigestAck2(states)), ActorRefs.NoSender);
        RunUntilIdle();
        Assert.All(ghosts, ghost => Assert.Equal(LivenessStatus.EchoPending, observer.CurrentSnapshot.Member(ghost)!.Liveness));

        // A conviction, and a shutdown announced for a newer generation, of endpoints that never were UP: DOWN, and no event says so.
        observer.Gossiper.Tell(new PhiConvicted(ghosts[0], 12), ActorRefs.NoSender);
        observer.Gossiper.Tell(new GossipEnvelope(ghosts[1], addresses[0], new GossipShutdown(ghosts[1], generation + 1)), ActorRefs.NoSender);
        RunUntilIdle();
        Assert.DoesNotContain(cluster.Events[addresses[0]], e => e is MemberDown && ghosts.Contains(e.Endpoint));
        Assert.All(ghosts, ghost => Assert.Equal(LivenessStatus.Down, observer.CurrentSnapshot.Member(ghost)!.Liveness));
        SnapshotChecks.AssertMatchesCore(observer, "after the silent mark-downs");
    }
}
