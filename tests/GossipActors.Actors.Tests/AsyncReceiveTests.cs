using GossipActors.Actors;

namespace GossipActors.Actors.Tests;

public sealed class AsyncReceiveTests : TestKit.TestKit
{
    [Fact]
    public void The_next_message_waits_until_the_async_handler_has_completed()
    {
        // Completed synchronously by the test: the awaiting handler's continuation is posted to the
        // actor right here, so the deterministic dispatcher runs it (no thread-pool hop).
        var gate = new TaskCompletionSource<string>();
        var actor = Sys.ActorOf(Props.Create(() => new Awaiter(gate.Task)));

        actor.Tell("slow");
        actor.Tell("fast");
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        gate.SetResult("opened");

        ExpectMsg("slow:opened", TimeSpan.Zero);
        ExpectMsg("fast:done", TimeSpan.Zero);
    }

    [Fact]
    public void Continuations_run_on_the_actor_with_the_original_sender()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()));
        var actor = Sys.ActorOf(Props.Create(() => new AskingActor(echo)));
        var probe = CreateTestProbe();

        actor.Tell("question", probe);

        Assert.Equal("answer to question (state 1)", probe.ExpectMsg<string>());
        actor.Tell("again", probe);
        Assert.Equal("answer to again (state 2)", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_faulted_async_handler_is_a_failure_and_the_actor_restarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingAsync(TestActor)));
        ExpectMsg("started");

        actor.Tell("fail");

        ExpectMsg("started");
        actor.Tell("ok");
        ExpectMsg("ok");
    }

    private sealed class Awaiter : ReceiveActor
    {
        public Awaiter(Task<string> gate)
        {
            ReceiveAsync<string>(async text =>
            {
                var opened = await gate;
                Sender.Tell($"{text}:{opened}");
            }, text => text == "slow");
            Receive<string>(text => Sender.Tell($"{text}:done"));
        }
    }

    private sealed class AskingActor : ReceiveActor
    {
        private int _state;

        public AskingActor(IActorRef echo)
        {
            ReceiveAsync<string>(async question =>
            {
                var reply = await echo.Ask<string>($"answer to {question}");
                _state++;
                Sender.Tell($"{reply} (state {_state})");
            });
        }
    }

    private sealed class FailingAsync : ReceiveActor
    {
        private readonly IActorRef _probe;

        public FailingAsync(IActorRef probe)
        {
            _probe = probe;
            ReceiveAsync<string>(async text =>
            {
                await Task.Yield();
                if (text == "fail")
                {
                    throw new InvalidOperationException("async failure");
                }

                _probe.Tell(text);
            });
        }

        protected override void PreStart() => _probe.Tell("started");
    }
}
