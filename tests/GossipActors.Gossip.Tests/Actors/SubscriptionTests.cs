using System.Globalization;
using Akka.Actor;
using GossipActors.TestKit;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class SubscriptionTests : DeterministicTestKit
{
    public SubscriptionTests() : base(seed: 73) { }

    [Fact]
    public void A_subscription_with_the_snapshot_gets_the_current_state_first_then_every_later_change_until_disposed()
    {
        using var cluster = new ActorCluster(this, seed: 73);
        var addresses = cluster.StartConverged(this, 4);
        var node = cluster.Nodes[addresses[0]];
        var received = new List<ClusterEvent>();

        var subscription = node.Subscribe(received.Add, ClusterInitialState.AsSnapshot);
        RunUntilIdle();
        var initial = Assert.IsType<CurrentClusterState>(Assert.Single(received));
        Assert.Equal(addresses[0], initial.Observer);
        Assert.Equal(initial.Snapshot.Version, initial.Version);
        Assert.Equal(addresses.Order(), initial.Snapshot.Members.Select(m => m.Endpoint));
        Assert.All(initial.Snapshot.Members, m => Assert.True(m.IsUp));

        cluster.Nodes[addresses[2]].SetApplicationState("SCHEMA", "v2");
        AwaitCondition(() => received.OfType<MemberStateChanged>().Any(e => e.Key == "SCHEMA"), TimeSpan.FromSeconds(10));
        var change = Assert.Single(received.OfType<MemberStateChanged>(), e => e.Key == "SCHEMA");
        Assert.Equal((addresses[2], "v2"), (change.Endpoint, change.Value));
        Assert.Single(received.OfType<CurrentClusterState>());
        Assert.All(received.Skip(1), e => Assert.True(e is MemberEvent && e.Version > initial.Version, $"{e} after the snapshot"));
        // Whoever heard of a change can already read it.
        Assert.True(node.CurrentSnapshot.Version >= change.Version);
        Assert.Equal("v2", node.CurrentSnapshot.Member(addresses[2])!.Get("SCHEMA"));

        subscription.Dispose();
        var count = received.Count;
        cluster.Nodes[addresses[2]].SetApplicationState("SCHEMA", "v3");
        AwaitCondition(() => node.CurrentSnapshot.Member(addresses[2])!.Get("SCHEMA") == "v3", TimeSpan.FromSeconds(10));
        Assert.Equal(count, received.Count);
    }

    [Fact]
    public void A_change_racing_the_subscription_is_either_in_the_snapshot_or_an_event_never_both_and_never_neither()
    {
        using var cluster = new ActorCluster(this, seed: 79);
        var addresses = cluster.StartConverged(this, 4);
        var node = cluster.Nodes[addresses[1]];

        foreach (var changeFirst in new[] { true, false })
        {
            var value = changeFirst ? "set-before" : "set-after";
            var received = new List<ClusterEvent>();
            // No pump in between: the change and the subscription wait in the gossiper's mailbox in this order.
            if (changeFirst)
            {
                node.SetApplicationState("RACE", value);
            }

            using var subscription = node.Subscribe(received.Add, ClusterInitialState.AsSnapshot);
            if (!changeFirst)
            {
                node.SetApplicationState("RACE", value);
            }

            RunUntilIdle();
            var initial = Assert.IsType<CurrentClusterState>(received[0]);
            var inSnapshot = initial.Snapshot.Member(addresses[1])!.Get("RACE") == value;
            var asEvents = received.OfType<MemberStateChanged>().Count(e => e.Key == "RACE" && e.Value == value);
            Assert.Equal((changeFirst, changeFirst ? 0 : 1), (inSnapshot, asEvents));
        }
    }

    [Fact]
    public void Subscribers_that_join_while_the_cluster_converges_get_exactly_the_changes_after_their_snapshot()
    {
        using var cluster = new ActorCluster(this, seed: 83);
        var addresses = Enumerable.Range(1, 6).Select(ActorCluster.AddressOf).ToList();
        var settings = ActorCluster.Settings([addresses[0]]);
        var observer = cluster.Add(addresses[0], settings);
        var everything = new List<ClusterEvent>();
        using var reference = observer.Subscribe(everything.Add, ClusterInitialState.AsSnapshot);
        foreach (var address in addresses.Skip(1))
        {
            cluster.Add(address, settings);
        }

        foreach (var address in addresses)
        {
            _ = cluster.Nodes[address].StartAsync();
        }

        var late = new List<List<ClusterEvent>>();
        var subscriptions = new List<IDisposable>();
        var raced = 0;
        for (var i = 0; i < 100; i++)
        {
            // Timers fire into mailboxes without running, so each subscription queues between gossip that changes members.
            Time.AdvanceStalled(TimeSpan.FromMilliseconds(30));
            var received = new List<ClusterEvent>();
            late.Add(received);
            var before = observer.CurrentSnapshot.Version;
            var step = i.ToString(CultureInfo.InvariantCulture);
            // A change of the observer's own right ahead of the subscription and one right behind it, in its mailbox.
            observer.SetApplicationState("BEFORE", step);
            subscriptions.Add(observer.Subscribe(received.Add, ClusterInitialState.AsSnapshot));
            observer.SetApplicationState("AFTER", step);
            // And the other nodes keep changing, so gossip brings more to race with than start-up.
            cluster.Nodes[addresses[1 + (i % 5)]].SetApplicationState("TICK", step);
            Time.AdvanceStalled(TimeSpan.FromMilliseconds(10));
            RunUntilIdle();
            // Changes applied both ahead of the subscription and behind it in the same mailbox: a real race.
            if (before < received[0].Version && received[0].Version < observer.CurrentSnapshot.Version)
            {
                raced++;
            }
        }

        AwaitCondition(() => cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(30), "the six nodes converged");
        var start = Assert.IsType<CurrentClusterState>(everything[0]).Snapshot;
        var stream = everything.Skip(1).Cast<MemberEvent>().ToList();
        Assert.All(stream.Zip(stream.Skip(1)), pair => Assert.True(pair.First.Version <= pair.Second.Version, "versions only grow"));

        var versions = new HashSet<long>();
        foreach (var (received, step) in late.Select((r, i) => (r, i.ToString(CultureInfo.InvariantCulture))))
        {
            var initial = Assert.IsType<CurrentClusterState>(received[0]);
            versions.Add(initial.Version);
            Assert.Equal(step, initial.Snapshot.Member(addresses[0])!.Get("BEFORE"));
            Assert.NotEqual(step, initial.Snapshot.Member(addresses[0])!.Get("AFTER"));
            Assert.Single(received, e => e is MemberStateChanged { Key: "AFTER" } after && after.Value == step);
            // No gap and no repeat: the same events, in the same order, as a subscriber that was there from the start.
            Assert.Equal(stream.Where(e => e.Version > initial.Version), received.Skip(1));
            // And the snapshot is what those earlier events add up to.
            Assert.Equal(
                SnapshotChecks.Describe(SnapshotChecks.Fold(start, stream.Where(e => e.Version <= initial.Version))),
                SnapshotChecks.Describe(SnapshotChecks.Fold(initial.Snapshot, [])));
        }

        Assert.True(versions.Count > 10, $"the subscriptions landed at {versions.Count} distinct versions only");
        Assert.Equal(late.Count, raced);
        Assert.Contains(late, received => received.Count > 1 && received.Skip(1).Any(e => e is MemberUp));
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }
    }

    [Fact]
    public void An_actor_subscriber_gets_the_current_state_first_then_changes_and_is_dropped_when_it_stops()
    {
        using var cluster = new ActorCluster(this, seed: 89);
        var addresses = cluster.StartConverged(this, 4);
        var node = cluster.Nodes[addresses[0]];
        var probe = CreateTestProbe(cluster.SystemOf(node));
        var subscribersBefore = node.Runtime.Subscribers.Count;

        node.Subscribe(probe.Ref, ClusterInitialState.AsSnapshot);
        var initial = probe.ExpectMsg<CurrentClusterState>();
        Assert.Equal(addresses.Order(), initial.Snapshot.Members.Select(m => m.Endpoint));
        Assert.All(initial.Snapshot.Members, m => Assert.True(m.IsUp));

        cluster.Nodes[addresses[3]].SetApplicationState("SCHEMA", "v2");
        var change = probe.FishForMessage<MemberEvent>(e => e is MemberStateChanged { Key: "SCHEMA" }, TimeSpan.FromSeconds(10));
        Assert.Equal(addresses[3], change.Endpoint);
        Assert.True(change.Version > initial.Version);
        Assert.Equal(subscribersBefore + 1, node.Runtime.Subscribers.Count);

        node.Unsubscribe(probe.Ref);
        RunUntilIdle();
        Assert.Equal(subscribersBefore, node.Runtime.Subscribers.Count);
        cluster.Nodes[addresses[3]].SetApplicationState("SCHEMA", "v3");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(3));

        // Told straight to the gossiper, as an actor holding its ref may; a stopped subscriber is watched and dropped.
        var listener = CreateTestProbe(cluster.SystemOf(node));
        node.Gossiper.Tell(new SubscribeCluster(listener.Ref, ClusterInitialState.None), ActorRefs.NoSender);
        RunUntilIdle();
        Assert.Equal(subscribersBefore + 1, node.Runtime.Subscribers.Count);
        ((IInternalActorRef)listener.Ref).Stop();
        RunUntilIdle();
        Assert.Equal(subscribersBefore, node.Runtime.Subscribers.Count);
    }
}
