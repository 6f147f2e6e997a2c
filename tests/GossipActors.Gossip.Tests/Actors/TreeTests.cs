using Akka.Actor;
using GossipActors.Akka;
using GossipActors.TestKit;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class TreeTests : DeterministicTestKit
{
    public TreeTests() : base(seed: 53) { }

    [Fact]
    public void The_extension_builds_the_tree_at_system_gossip_on_the_gossip_dispatcher_and_only_once()
    {
        using var cluster = new ActorCluster(this, seed: 53);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];
        var system = cluster.SystemOf(node);

        Assert.Equal("/system/gossip", node.Gossiper.Path.ToStringWithoutAddress());
        Assert.Same(node, GossipExtension.Get(system).Node);
        var children = ((ActorRefWithCell)node.Gossiper).Children.Select(c => c.Path.Name).Order().ToList();
        Assert.Equal(["endpoints", "failure-detector", "rounds"], children);
        var endpoint = AwaitResult(node.Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(addresses[1])));
        Assert.Equal("/system/gossip/endpoints/10.0.0.2:7000", endpoint.Path.ToStringWithoutAddress());
        // Akka children inherit neither dispatcher nor mailbox: a child on the default dispatcher would run outside the
        // seeded world, one on the default mailbox would show tpstats Akka's count instead of ours.
        Assert.All(
            new[] { node.Gossiper, endpoint }.Concat(((ActorRefWithCell)node.Gossiper).Children),
            actor =>
            {
                var cell = ((ActorRefWithCell)actor).Underlying;
                Assert.Equal(DeterministicWorld.DispatcherId, cell.Props.Dispatcher);
                Assert.Equal(GossiperRuntime.MailboxKey, cell.Props.Mailbox);
                Assert.NotNull(GossipMessageQueue.Of(cell));
            });

        var again = Assert.Throws<InvalidOperationException>(() => GossipExtension.Get(system).StartNode(_ => throw new InvalidOperationException("not reached")));
        Assert.Contains("already runs a gossip node", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Asks_and_stop_complete_with_the_gossiper_s_reply_and_time_out_on_virtual_time()
    {
        using var cluster = new ActorCluster(this, seed: 61);
        var addresses = cluster.StartConverged(this, 3);
        var node = cluster.Nodes[addresses[0]];

        // No thread-pool hop between the reply and the task: a test that moves time until IsCompleted stops in time.
        var members = node.GetMembersAsync();
        var set = node.SetApplicationStateAsync("K", "v");
        RunUntilIdle();
        Assert.True(members.IsCompletedSuccessfully);
        Assert.Equal(3, AwaitResult(members).Count);
        Assert.True(set.IsCompletedSuccessfully);

        var stop = node.StopAsync();
        RunUntilIdle();
        Assert.True(stop.IsCompletedSuccessfully);
        Assert.Same(stop, node.StopAsync());
        Assert.True(node.Gossiper.IsNobody() || ((ActorRefWithCell)node.Gossiper).IsTerminated);

        var crashed = cluster.Nodes[addresses[1]];
        cluster.Crash(addresses[1]);
        RunUntilIdle();
        var before = Time.Elapsed;
        var unanswered = crashed.GetViewAsync();
        AwaitCondition(() => unanswered.IsCompleted, TimeSpan.FromSeconds(10));
        Assert.IsType<TimeoutException>(unanswered.Exception?.InnerException);
        Assert.Equal(TimeSpan.FromSeconds(5), Time.Elapsed - before);
    }

    [Fact]
    public void Tree_actors_count_processed_and_failed_messages_across_a_restart()
    {
        using var cluster = new ActorCluster(this, seed: 59);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];
        var endpoint = AwaitResult(node.Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(addresses[1])));
        var cell = ((ActorRefWithCell)endpoint).Underlying;
        var before = GossipActorCounters.Find(cell)!.Processed;
        Assert.True(before > 0, "the endpoint actor processed its membership events");

        // A message that throws in the handler: the supervisor restarts the actor, whose cell (and counters) stay.
        endpoint.Tell(new EndpointUpdate(null!, null!, null, LivenessStatus.Up), ActorRefs.NoSender);
        RunUntilIdle();
        var view = AwaitResult(endpoint.AskNow<Cluster.EndpointView>(Sys, GetEndpointView.Instance));

        Assert.True(view.Restarted);
        var counters = GossipActorCounters.Find(((ActorRefWithCell)endpoint).Underlying)!;
        Assert.Equal(1, counters.Failed);
        // The failed message is not also processed; the resync the restart asked for and the view's ask are.
        Assert.Equal(before + 2, counters.Processed);
    }

    [Fact]
    public void A_tree_actor_s_mailbox_depth_counts_the_messages_waiting_for_it_and_processed_counts_them_once_run()
    {
        using var cluster = new ActorCluster(this, seed: 67);
        var addresses = cluster.StartConverged(this, 2);
        var node = cluster.Nodes[addresses[0]];
        var endpoint = AwaitResult(node.Gossiper.AskNow<IActorRef>(Sys, new GetEndpointActor(addresses[1])));
        RunUntilIdle();
        var cell = ((ActorRefWithCell)endpoint).Underlying;
        var queue = GossipMessageQueue.Of(cell)!;
        var counters = GossipActorCounters.Find(cell)!;
        var (processed, dequeued) = (counters.Processed, queue.Dequeued);
        Assert.Equal(0, queue.Depth);

        // Nothing on the deterministic dispatcher runs until the test pumps: the actor is held with five messages queued.
        var probe = CreateTestProbe();
        for (var i = 0; i < 5; i++)
        {
            endpoint.Tell(GetEndpointView.Instance, probe.Ref);
        }

        Assert.Equal(5, queue.Depth);
        Assert.Equal(5, cell.NumberOfMessages);
        Assert.Equal(processed, counters.Processed);

        RunUntilIdle();
        Assert.Equal(5, probe.ReceiveN(5, TimeSpan.Zero).OfType<Cluster.EndpointView>().Count());
        Assert.Equal(0, queue.Depth);
        Assert.Equal(dequeued + 5, queue.Dequeued);
        Assert.Equal(processed + 5, counters.Processed);
        Assert.Equal(0, counters.Failed);
        Assert.True(queue.HighWaterMark >= 5, $"high-water mark {queue.HighWaterMark}");
    }

    [Fact]
    public void A_node_on_a_system_created_without_reference_conf_still_runs_its_tree_on_the_gossip_mailbox()
    {
        var system = World.CreateSystem("bare");
        var address = ActorCluster.AddressOf(1);
        var network = new InMemoryGossipNetwork(system.Scheduler, new SimulatedNetworkOptions(), seed: 71);
        Assert.False(system.Settings.Config.HasPath(GossiperRuntime.MailboxKey));

        var node = new Cluster.GossipNode(system, ActorCluster.Settings([address]), gossiper => network.Attach(address, gossiper));
        RunUntilIdle();

        var cell = ((ActorRefWithCell)node.Gossiper).Underlying;
        Assert.NotNull(GossipMessageQueue.Of(cell));
        Assert.Equal(GossiperRuntime.MailboxKey, cell.Props.Mailbox);
        World.Terminate(system);
    }
}
