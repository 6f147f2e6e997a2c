using Akka.Actor;
using Akka.Event;
using GossipActors.Gossip.Actors;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// The gossip tree's actors register handlers by type as on Akka's ReceiveActor, without its compiled expression
/// trees: first matching registration wins, Become replaces the behaviour, an async handler holds the mailbox, and a
/// message nobody handles is unhandled.
/// </summary>
public sealed class GossipActorDispatchTests : DeterministicTestKit
{
    public GossipActorDispatchTests() : base(seed: 57) { }

    [Fact]
    public void A_message_goes_to_the_first_handler_registered_for_its_type_or_a_base_of_it()
    {
        var actor = ActorOf(DelegateProps.Of(() => new Ordered()));

        actor.Tell(new Special(), TestActor);
        Assert.Equal("base first", ExpectMsg<string>());
        actor.Tell("text", TestActor);
        Assert.Equal("string", ExpectMsg<string>());
    }

    [Fact]
    public void Become_replaces_the_handlers_from_the_next_message_on()
    {
        var actor = ActorOf(DelegateProps.Of(() => new Switching()));

        actor.Tell(1, TestActor);
        Assert.Equal("first 1", ExpectMsg<string>());
        actor.Tell(2, TestActor);
        Assert.Equal("second 2", ExpectMsg<string>());
        actor.Tell("back", TestActor);
        actor.Tell(3, TestActor);
        Assert.Equal("first 3", ExpectMsg<string>());
    }

    [Fact]
    public void A_message_without_a_handler_is_published_as_unhandled_and_the_actor_keeps_going()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = ActorOf(DelegateProps.Of(() => new Ordered()));

        actor.Tell(4.5, TestActor);
        Assert.Equal(4.5, ExpectMsg<UnhandledMessage>().Message);
        actor.Tell("still here", TestActor);
        Assert.Equal("string", ExpectMsg<string>());
    }

    [Fact]
    public void An_async_handler_holds_the_next_message_until_its_task_completes()
    {
        var gate = new TaskCompletionSource();
        var actor = ActorOf(DelegateProps.Of(() => new Waiting(gate.Task)));

        actor.Tell("wait", TestActor);
        actor.Tell(1, TestActor);
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        gate.SetResult();
        Assert.Equal("waited", ExpectMsg<string>());
        Assert.Equal(1, ExpectMsg<int>());
    }

    private class Base;

    private sealed class Special : Base;

    private sealed class Ordered : GossipActor
    {
        public Ordered() : base(null)
        {
            Receive<Base>(_ => Sender.Tell("base first"));
            Receive<Special>(_ => Sender.Tell("special second"));
            Receive<string>(_ => Sender.Tell("string"));
        }
    }

    private sealed class Switching : GossipActor
    {
        public Switching() : base(null) => First();

        private void First()
        {
            Receive<int>(n =>
            {
                Sender.Tell($"first {n}");
                Become(Second);
            });
        }

        private void Second()
        {
            Receive<int>(n => Sender.Tell($"second {n}"));
            Receive<string>(_ => Become(First));
        }
    }

    private sealed class Waiting : GossipActor
    {
        public Waiting(Task gate) : base(null)
        {
            ReceiveAsync<string>(async _ =>
            {
                var replyTo = Sender;
                await gate;
                replyTo.Tell("waited");
            });
            Receive<int>(n => Sender.Tell(n));
        }
    }
}
