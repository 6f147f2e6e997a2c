using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class TimerTests : TestKit.TestKit
{
    [Fact]
    public void Single_timer_fires_once_when_virtual_time_reaches_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.Single("tick", TimeSpan.FromSeconds(1)));

        ExpectNoMsg(TimeSpan.FromMilliseconds(999));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        ExpectMsg("tick", TimeSpan.Zero);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Periodic_timer_fires_every_interval_after_the_initial_delay()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.Periodic("beat", TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)));

        Time.Advance(TimeSpan.FromMilliseconds(2500));

        Assert.Equal(["beat", "beat", "beat"], ReceiveN(3, TimeSpan.Zero));
        ExpectNoMsg(TimeSpan.FromMilliseconds(999));
    }

    [Fact]
    public void Advance_fires_due_timers_in_due_order_and_settles_between_them()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.Single("third", TimeSpan.FromSeconds(3)));
        actor.Tell(new TimerActor.Single("first", TimeSpan.FromSeconds(1)));
        actor.Tell(new TimerActor.Single("second", TimeSpan.FromSeconds(2)));

        Time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["first@1", "second@2", "third@3"], ReceiveN(3, TimeSpan.Zero));
    }

    [Fact]
    public void Cancelled_timer_never_delivers_even_if_already_due()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.Single("never", TimeSpan.FromSeconds(1)));
        actor.Tell(new TimerActor.CancelTimer("never"));

        ExpectNoMsg(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ExpectMsg_moves_virtual_time_up_to_its_timeout_to_find_a_timer_message()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.Single("later", TimeSpan.FromSeconds(2)));
        var before = Time.Elapsed;

        ExpectMsg("later", TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(2), Time.Elapsed - before);
    }

    /// <summary>Starts timers on request; timer messages are echoed to the probe (stamped with whole virtual seconds when ordered).</summary>
    private sealed class TimerActor : ReceiveActor
    {
        public TimerActor(IActorRef probe)
        {
            var start = Context.System.TimeProvider.GetUtcNow();
            Receive<Single>(single => Timers.StartSingleTimer(single.Message, single.Message, single.Delay));
            Receive<Periodic>(periodic => Timers.StartPeriodicTimer(periodic.Message, periodic.Message, periodic.Initial, periodic.Interval));
            Receive<CancelTimer>(cancel => Timers.Cancel(cancel.Key));
            Receive<string>(
                text => probe.Tell($"{text}@{(Context.System.TimeProvider.GetUtcNow() - start).TotalSeconds:0}"),
                text => text is "first" or "second" or "third");
            Receive<string>(text => probe.Tell(text));
        }

        public sealed record Single(string Message, TimeSpan Delay);

        public sealed record Periodic(string Message, TimeSpan Initial, TimeSpan Interval);

        public sealed record CancelTimer(string Key);
    }
}
