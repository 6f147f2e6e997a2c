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
