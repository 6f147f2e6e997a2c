using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class TimerLifecycleTests : TestKit.TestKit
{
    [Fact]
    public void Timers_are_cancelled_on_restart()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ExpectMsg("started");
        actor.Tell("start");
        ExpectMsg("tick", TimeSpan.FromSeconds(1));

        actor.Tell(new Boom("restart me"));
        ExpectMsg("started");

        ExpectNoMsg(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Sys.DeadLetterCount);
    }

    [Fact]
    public void Timers_are_cancelled_on_stop_and_send_no_dead_letters()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ExpectMsg("started");
        actor.Tell("start");
        ExpectMsg("tick", TimeSpan.FromSeconds(1));
        Watch(actor);

        Sys.Stop(actor);
        ExpectTerminated(actor);

        ExpectNoMsg(TimeSpan.FromSeconds(5));
        Assert.Equal(0, Sys.DeadLetterCount);
        Assert.Equal(0, Time.PendingTimerCount);
    }

    [Fact]
    public void Restarting_a_timer_with_the_same_key_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ExpectMsg("started");

        actor.Tell("once-later");
        Time.Advance(TimeSpan.FromMilliseconds(700));
        actor.Tell("once-later");

        ExpectNoMsg(TimeSpan.FromMilliseconds(999));
        ExpectMsg("once", TimeSpan.FromMilliseconds(1));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
    }

    private sealed class Ticker : ReceiveActor
    {
        private readonly IActorRef _probe;

        public Ticker(IActorRef probe)
        {
            _probe = probe;
            Receive<string>(_ => Timers.StartPeriodicTimer("tick", "tick", TimeSpan.FromMilliseconds(500)), m => m == "start");
            Receive<string>(_ => Timers.StartSingleTimer("once", "once", TimeSpan.FromSeconds(1)), m => m == "once-later");
            Receive<string>(m => _probe.Tell(m));
            Receive<Boom>(b => throw new InvalidOperationException(b.Reason));
        }

        protected override void PreStart() => _probe.Tell("started");
    }
}
