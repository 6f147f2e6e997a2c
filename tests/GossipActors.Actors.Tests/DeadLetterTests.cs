using GossipActors.Actors;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;

namespace GossipActors.Actors.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public void Messages_to_a_stopped_actor_are_counted_published_and_logged_at_debug()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        using var kit = new Kit(new TestKitOptions { ConfigureSettings = s => s with { LoggerFactory = factory } });
        var actor = kit.Sys.ActorOf(Props.Create(() => new EchoActor()), "gone");
        var listener = kit.CreateTestProbe();
        kit.Sys.EventStream.Subscribe(listener, typeof(DeadLetter));
        kit.Sys.Stop(actor);
        kit.RunUntilIdle();

        actor.Tell("late", listener);

        var letter = listener.ExpectMsg<DeadLetter>();
        Assert.Equal("late", letter.Message);
        Assert.Equal(actor, letter.Recipient);
        Assert.Equal(listener.Ref, letter.Sender);
        Assert.Equal(1, kit.Sys.DeadLetterCount);
        var line = Assert.Single(logs.Lines, l => l.Category == "GossipActors.Actors.DeadLetters");
        Assert.Equal(LogLevel.Debug, line.Level);
        Assert.Contains("/user/gone", line.Message, StringComparison.Ordinal);
        Assert.Contains("String", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tell_to_a_stopped_actor_never_throws_from_any_thread()
    {
        using var kit = new Kit(new TestKitOptions { Deterministic = false });
        var actor = kit.Sys.ActorOf(Props.Create(() => new EchoActor()));
        kit.Watch(actor);
        kit.Sys.Stop(actor);
        kit.ExpectTerminated(actor);

        Parallel.For(0, 1000, i => actor.Tell(i, ActorRefs.NoSender));

        kit.AwaitCondition(() => kit.Sys.DeadLetterCount == 1000);
    }

    [Fact]
    public void Messages_told_to_DeadLetters_directly_are_recorded()
    {
        using var kit = new Kit(TestKitOptions.Default);

        kit.Sys.DeadLetters.Tell("nowhere");

        Assert.Equal(1, kit.Sys.DeadLetterCount);
    }

    [Fact]
    public void A_stopping_dead_letter_subscriber_does_not_feed_its_own_dead_letters_back_to_itself()
    {
        using var kit = new Kit(TestKitOptions.Default);
        var subscriber = kit.Sys.ActorOf(Props.Create(() => new DeadLetterSubscriber()));
        kit.RunUntilIdle();
        for (var i = 0; i < 3; i++)
        {
            subscriber.Tell(i);
        }

        // The stop overtakes the three messages; draining them publishes DeadLetter notices that
        // reach the subscriber itself, already closed.
        kit.Sys.Stop(subscriber);
        kit.RunUntilIdle();

        Assert.Equal(6, kit.Sys.DeadLetterCount);
    }

    private sealed class Kit(TestKitOptions options) : TestKit.TestKit(options);

    private sealed class DeadLetterSubscriber : ReceiveActor
    {
        public DeadLetterSubscriber()
        {
            Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
            ReceiveAny(_ => { });
        }
    }
}
