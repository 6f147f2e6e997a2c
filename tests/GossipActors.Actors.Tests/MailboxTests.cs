using GossipActors.Actors;
using GossipActors.TestKit;

namespace GossipActors.Actors.Tests;

public sealed class MailboxTests() : TestKit.TestKit(new TestKitOptions { ConfigureSettings = s => s with { Throughput = 5 } })
{
    [Fact]
    public void System_messages_overtake_queued_user_messages()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(probe, "")));
        for (var i = 0; i < 10; i++)
        {
            actor.Tell($"m{i}");
        }

        // The stop is a system message: it is handled before any of the ten queued user messages.
        Sys.Stop(actor);

        probe.ExpectMsg("prestart");
        probe.ExpectMsg("poststop");
        probe.ExpectNoMsg(TimeSpan.FromSeconds(1));
        Assert.Equal(10, Sys.DeadLetterCount);
    }

    [Fact]
    public void An_actor_yields_its_thread_after_a_throughput_batch()
    {
        var log = new List<string>();
        var a = Sys.ActorOf(Props.Create(() => new Recorder("a", log)));
        var b = Sys.ActorOf(Props.Create(() => new Recorder("b", log)));
        RunUntilIdle();
        var runsBefore = Dispatcher!.Executed;
        for (var i = 0; i < 40; i++)
        {
            a.Tell(i);
            b.Tell(i);
        }

        RunUntilIdle();

        // Throughput 5: each actor needs exactly 40 / 5 = 8 turns on a thread, so the two interleave.
        Assert.Equal(80, log.Count);
        Assert.Equal(16, Dispatcher.Executed - runsBefore);
        Assert.True(log.IndexOf("b") < log.LastIndexOf("a"), "b never ran before a finished: no interleaving");
    }

    [Fact]
    public void A_mailbox_with_work_left_after_its_batch_yields_instead_of_being_scheduled_again()
    {
        var dispatcher = new RecordingDispatcher(new DeterministicDispatcher(0));
        using var system = ActorSystem.Create("recorded", Sys.Settings with { Dispatcher = dispatcher });
        var actor = system.ActorOf(Props.Create(() => new Recorder("x", [])));
        dispatcher.RunUntilIdle();
        var (scheduled, yielded) = (dispatcher.Scheduled, dispatcher.Yielded);

        for (var i = 0; i < 12; i++)
        {
            actor.Tell(i);
        }

        dispatcher.RunUntilIdle();

        // 12 messages at throughput 5: woken once, then two yields (after 5 and after 10).
        Assert.Equal(1, dispatcher.Scheduled - scheduled);
        Assert.Equal(2, dispatcher.Yielded - yielded);
        system.Terminate();
    }

    [Fact]
    public void Stats_show_mailbox_depth_and_processed_counts_while_messages_wait()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Recorder("x", [])), "queued");
        RunUntilIdle();
        for (var i = 0; i < 12; i++)
        {
            actor.Tell(i);
        }

        var before = Sys.GetActorStats().Single(s => s.Path == "/user/queued");
        RunUntilIdle();
        var after = Sys.GetActorStats().Single(s => s.Path == "/user/queued");

        Assert.Equal((12, 0L), (before.MailboxDepth, before.Processed));
        Assert.Equal((0, 12L), (after.MailboxDepth, after.Processed));
        Assert.Contains(Sys.GetActorStats(), s => s.Path == "/user");
        Assert.Contains(Sys.GetActorStats(), s => s.Path == "/system/testActor");
    }

    private sealed class RecordingDispatcher(DeterministicDispatcher inner) : Dispatcher
    {
        public int Scheduled { get; private set; }

        public int Yielded { get; private set; }

        public override bool IsDeterministic => true;

        public override void Schedule(IThreadPoolWorkItem work)
        {
            Scheduled++;
            inner.Schedule(work);
        }

        public override void Yield(IThreadPoolWorkItem work)
        {
            Yielded++;
            inner.Schedule(work);
        }

        public override void RunUntilIdle() => inner.RunUntilIdle();
    }

    private sealed class Recorder : ReceiveActor
    {
        public Recorder(string name, List<string> log)
        {
            Receive<int>(_ => log.Add(name));
        }
    }
}
