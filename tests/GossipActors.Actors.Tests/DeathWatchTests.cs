using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void Watcher_gets_Terminated_once_when_the_watched_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()), "watched");
        var watcher = CreateTestProbe();
        watcher.Watch(actor);
        watcher.Watch(actor);

        actor.Tell(PoisonPill.Instance);

        Assert.Equal(actor, watcher.ExpectTerminated(actor).ActorRef);
        watcher.ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated_at_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Sys.Stop(actor);
        RunUntilIdle();

        Watch(actor);

        ExpectTerminated(actor, TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Unwatched_actor_sends_no_Terminated()
    {
        var actor = Sys.ActorOf(Props.Create(() => new EchoActor()));
        Watch(actor);
        Unwatch(actor);

        Sys.Stop(actor);

        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }
}

public sealed class DeathPactTests : TestKit.TestKit
{
    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher()
    {
        var watched = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new OblivousWatcher(watched)));
        Watch(watcher);

        Sys.Stop(watched);

        ExpectTerminated(watcher);
    }

    [Fact]
    public void A_handled_Terminated_keeps_the_watcher_alive()
    {
        var watched = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var watcher = Sys.ActorOf(Props.Create(() => new CaringWatcher(watched, TestActor)));
        Watch(watcher);

        Sys.Stop(watched);

        Assert.Equal(watched, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Parent_watching_a_child_hears_of_its_stop_once()
    {
        var parent = Sys.ActorOf(Props.Create(() => new WatchingParent(TestActor)));

        parent.Tell("stop-child");

        ExpectMsg<Terminated>();
        ExpectNoMsg(TimeSpan.FromSeconds(1));
    }

    private sealed class OblivousWatcher : ReceiveActor
    {
        public OblivousWatcher(IActorRef watched)
        {
            Context.Watch(watched);
            ReceiveAny(_ => { });
        }

        // ReceiveAny would swallow Terminated; route it to the default Unhandled to show the pact.
        protected override void PreStart() => Become(() => Receive<string>(_ => { }));
    }

    private sealed class CaringWatcher : ReceiveActor
    {
        public CaringWatcher(IActorRef watched, IActorRef probe)
        {
            Context.Watch(watched);
            Receive<Terminated>(t => probe.Tell(t));
        }
    }

    private sealed class WatchingParent : ReceiveActor
    {
        public WatchingParent(IActorRef probe)
        {
            var child = Context.ActorOf(Props.Create(() => new EchoActor()), "child");
            Context.Watch(child);
            Context.Watch(child);
            Receive<string>(_ => Context.Stop(child));
            Receive<Terminated>(t => probe.Tell(t));
        }
    }
}
