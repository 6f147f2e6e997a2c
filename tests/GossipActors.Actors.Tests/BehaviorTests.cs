using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class BehaviorTests : TestKit.TestKit
{
    [Fact]
    public void Become_replaces_the_handlers_and_predicates_pick_the_first_match()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));

        actor.Tell(1);
        actor.Tell(-1);
        actor.Tell("flip");
        actor.Tell(1);
        actor.Tell("flip");
        actor.Tell(1);

        Assert.Equal(["positive", "other int", "flipped", "on:1", "flipped back", "positive"], ReceiveN(6));
    }

    [Fact]
    public void BecomeStacked_and_UnbecomeStacked_return_to_the_previous_behavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Stacked()));

        actor.Tell("push");
        actor.Tell("who");
        actor.Tell("pop");
        actor.Tell("who");

        Assert.Equal(["pushed", "top", "popped", "base"], ReceiveN(4));
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var listener = CreateTestProbe();
        Sys.EventStream.Subscribe(listener, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));

        actor.Tell(3.5);

        var unhandled = listener.ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.5, unhandled.Message);
        Assert.Equal(actor, unhandled.Recipient);
    }

    [Fact]
    public void UntypedActor_becomes_a_new_behavior()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Counter()));

        actor.Tell("a");
        actor.Tell("b");

        Assert.Equal(["first:a", "later:b"], ReceiveN(2));
    }

    [Fact]
    public void Receive_timeout_fires_after_quiet_time_and_is_reset_by_messages()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Idle(TestActor)));
        RunUntilIdle();
        var start = Time.Elapsed;

        Time.Advance(TimeSpan.FromMilliseconds(900));
        actor.Tell("keepalive");
        ExpectMsg("keepalive");
        ExpectMsg<string>(m => m == "timeout", TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromMilliseconds(1900), Time.Elapsed - start);
    }

    private sealed class Switch : ReceiveActor
    {
        public Switch()
        {
            Receive<int>(_ => Sender.Tell("positive"), n => n > 0);
            Receive<int>(_ => Sender.Tell("other int"));
            Receive<string>(_ =>
            {
                Sender.Tell("flipped");
                Become(On);
            });
        }

        private void On()
        {
            Receive<int>(n => Sender.Tell($"on:{n}"));
            Receive<string>(_ =>
            {
                Sender.Tell("flipped back");
                Become(() =>
                {
                    Receive<int>(_ => Sender.Tell("positive"), n => n > 0);
                });
            });
        }
    }

    private sealed class Stacked : ReceiveActor
    {
        public Stacked()
        {
            Receive<string>(_ => Sender.Tell("base"), m => m == "who");
            Receive<string>(_ =>
            {
                Sender.Tell("pushed");
                BecomeStacked(() =>
                {
                    Receive<string>(_ => Sender.Tell("top"), m => m == "who");
                    Receive<string>(_ =>
                    {
                        Sender.Tell("popped");
                        UnbecomeStacked();
                    }, m => m == "pop");
                });
            }, m => m == "push");
        }
    }

    private sealed class Counter : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            Sender.Tell($"first:{message}");
            Become(next => Sender.Tell($"later:{next}"));
        }
    }

    private sealed class Idle : ReceiveActor
    {
        public Idle(IActorRef probe)
        {
            Context.SetReceiveTimeout(TimeSpan.FromSeconds(1));
            Receive<ReceiveTimeout>(_ =>
            {
                probe.Tell("timeout");
                Context.SetReceiveTimeout(null);
            });
            Receive<string>(text => probe.Tell(text));
        }
    }
}
