using Akka.Actor;
using GossipActors.Akka;
using GossipActors.AdminClient.Contract;
using GossipActors.Gossip.Actors;
using GossipActors.Hosting.Admin;
using GossipActors.Hosting.Runtime;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// tpstats' columns as the admin endpoint builds them (<see cref="GossipTreeStats"/> then <see cref="TpStats"/>), for a
/// small tree on the deterministic dispatcher: nothing runs until the test pumps, so what it tells waits in the mailboxes.
/// </summary>
public sealed class GossipTreeStatsTests : IDisposable
{
    private readonly DeterministicWorld _world = new(seed: 11);
    private readonly ActorSystem _system;
    private readonly IActorRef _tree;

    public GossipTreeStatsTests()
    {
        // reference.conf is what names the gossip mailbox, as on a node.
        _system = _world.CreateSystem("tpstats", GossipExtension.DefaultConfig);
        _tree = _world.ActorOf(_system, OnGossipMailbox(Props.Create(() => new Tree())), "gossip");
        _world.RunUntilIdle();
    }

    [Fact]
    public void Mailbox_depth_counts_what_waits_and_processed_and_failed_count_what_ran()
    {
        Tell("worker-1", "a", "b", "c");
        Tell("worker-2", "d", "e");

        var waiting = Group("gossip/worker");
        Assert.Equal((2, 5L, 0L, 0L), (waiting.Actors, waiting.MailboxDepth, waiting.Processed, waiting.Failed));

        _world.RunUntilIdle();
        var ran = Group("gossip/worker");
        Assert.Equal((0L, 5L, 0L), (ran.MailboxDepth, ran.Processed, ran.Failed));

        Tell("worker-1", Worker.Fail);
        _world.RunUntilIdle();
        var failed = Group("gossip/worker");
        Assert.Equal((0L, 5L, 1L), (failed.MailboxDepth, failed.Processed, failed.Failed));
    }

    [Fact]
    public void An_actor_on_another_mailbox_shows_akka_s_count_and_no_processed()
    {
        Tell("plain", "a", "b");

        var waiting = Group("gossip/plain");
        Assert.Equal((1, 2L, 0L), (waiting.Actors, waiting.MailboxDepth, waiting.Processed));

        _world.RunUntilIdle();
        Assert.Equal(0, Group("gossip/plain").MailboxDepth);
    }

    public void Dispose() => _world.Dispose();

    private static Props OnGossipMailbox(Props props) =>
        props.WithDispatcher(DeterministicWorld.DispatcherId).WithMailbox(GossiperRuntime.MailboxKey);

    private void Tell(string child, params object[] messages)
    {
        var actor = ((ActorRefWithCell)_tree).GetSingleChild(child);
        foreach (var message in messages)
        {
            actor.Tell(message, ActorRefs.NoSender);
        }
    }

    private ActorGroupStats Group(string name) =>
        TpStats.Collect(GossipTreeStats.Collect(_tree), _ => 0).Groups.Single(g => g.Group == name);

    private sealed class Tree : GossipActor
    {
        public Tree()
            : base(loggerFactory: null)
        {
            Context.ActorOf(OnGossipMailbox(Props.Create(() => new Worker())), "worker-1");
            Context.ActorOf(OnGossipMailbox(Props.Create(() => new Worker())), "worker-2");
            Context.ActorOf(Props.Create(() => new Plain()).WithDispatcher(DeterministicWorld.DispatcherId), "plain");
        }
    }

    private sealed class Worker : GossipActor
    {
        public const string Fail = "fail";

        public Worker()
            : base(loggerFactory: null)
        {
            Receive<string>(message =>
            {
                if (message == Fail)
                {
                    throw new InvalidOperationException("a handler that throws");
                }
            });
        }
    }

    private sealed class Plain : ReceiveActor
    {
        public Plain() => ReceiveAny(_ => { });
    }
}
