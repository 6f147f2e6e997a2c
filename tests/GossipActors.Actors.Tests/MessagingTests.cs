using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class MessagingTests : TestKit.TestKit
{
    [Fact]
    public void Tell_without_sender_from_the_test_replies_to_the_test_actor()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");

        echo.Tell("hello");

        Assert.Equal("hello", ExpectMsg<string>());
        Assert.Equal(echo, LastSender);
    }

    [Fact]
    public void Paths_are_hierarchical_and_refs_compare_by_path_and_incarnation()
    {
        var parent = Sys.ActorOf(Props.Create(() => new ParentActor()), "gossip");
        parent.Tell(new ParentActor.MakeChild("rounds"));
        var rounds = ExpectMsg<IActorRef>();

        Assert.Equal("/user/gossip", parent.Path.ToString());
        Assert.Equal("/user/gossip/rounds", rounds.Path.ToString());
        Assert.Equal("test", rounds.Path.SystemName);
        Assert.Equal("test:/user/gossip/rounds", rounds.Path.ToStringWithSystem());
        Assert.Equal(["user", "gossip", "rounds"], rounds.Path.Elements);
        Assert.Equal(parent.Path, rounds.Path.Parent);

        Sys.Stop(rounds);
        Watch(rounds);
        ExpectTerminated(rounds);
        parent.Tell(new ParentActor.MakeChild("rounds"));
        var again = ExpectMsg<IActorRef>();
        Assert.Equal(rounds.Path, again.Path);
        Assert.NotEqual(rounds, again);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardingActor(echo)));
        var probe = CreateTestProbe();

        forwarder.Tell("via", probe);

        Assert.Equal("via", probe.ExpectMsg<string>());
        Assert.Equal(echo, probe.LastSender);
    }

    [Fact]
    public void Ask_completes_with_the_typed_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));

        var reply = AwaitResult(echo.Ask<string>("question"));

        Assert.Equal("question", reply);
    }

    [Fact]
    public void Ask_timeout_names_the_target_path_and_message_type()
    {
        var silent = Sys.ActorOf(Props.Create(() => new SilentActor()), "silent");

        var ask = silent.Ask<string>(new Boom("no answer"), TimeSpan.FromSeconds(2));
        Time.Advance(TimeSpan.FromSeconds(2));

        var error = Assert.Throws<AskTimeoutException>(() => ask.GetAwaiter().GetResult());
        Assert.IsAssignableFrom<TimeoutException>(error);
        Assert.Contains("/user/silent", error.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(Boom).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ask_with_a_failure_reply_faults_the_task()
    {
        var failing = Sys.ActorOf(Props.Create(() => new FailureReplier()));

        var ask = failing.Ask<string>("x");

        var error = Assert.Throws<InvalidOperationException>(() => AwaitResult(ask));
        Assert.Equal("refused", error.Message);
    }

    [Fact]
    public void Messages_from_one_sender_arrive_in_order()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        for (var i = 0; i < 100; i++)
        {
            echo.Tell(i);
        }

        var received = ReceiveN(100);

        Assert.Equal(Enumerable.Range(0, 100).Cast<object>(), received);
    }

    private sealed class ParentActor : ReceiveActor
    {
        public ParentActor()
        {
            Receive<MakeChild>(make => Sender.Tell(Context.ActorOf(Props.Create(() => new EchoActor()), make.Name)));
        }

        public sealed record MakeChild(string Name);
    }

    private sealed class ForwardingActor : ReceiveActor
    {
        public ForwardingActor(IActorRef target)
        {
            ReceiveAny(message => target.Forward(message));
        }
    }

    private sealed class SilentActor : ReceiveActor
    {
        public SilentActor()
        {
            ReceiveAny(_ => { });
        }
    }

    private sealed class FailureReplier : ReceiveActor
    {
        public FailureReplier()
        {
            ReceiveAny(_ => Sender.Tell(new Status.Failure(new InvalidOperationException("refused"))));
        }
    }
}
