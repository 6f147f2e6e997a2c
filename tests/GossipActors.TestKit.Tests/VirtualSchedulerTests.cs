using Akka.Actor;
using Xunit;

namespace GossipActors.TestKit.Tests;

public sealed class VirtualSchedulerTests : DeterministicTestKit
{
    private VirtualScheduler Scheduler => VirtualScheduler.Of(Sys);

    [Fact]
    public void Advance_fires_a_periodic_timer_once_for_every_interval_at_its_own_time()
    {
        // Akka's TestScheduler re-arms from the new Now, so one long Advance delivers one tick instead of ten.
        var actor = ActorOf(Props.Create(() => new TimerActor(TestActor)));
        actor.Tell(new TimerActor.StartPeriodic("tick", TimeSpan.FromSeconds(1)));

        Scheduler.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(1, 10).Select(s => $"tick@{s}s"), ReceiveN(10, TimeSpan.Zero));
        ExpectNoMsg(TimeSpan.FromMilliseconds(999));
    }

    [Fact]
    public void AdvanceStalled_fires_every_due_timer_into_the_mailbox_and_runs_nothing_until_the_next_pump()
    {
        var counter = new Counter();
        var counting = ActorOf(Props.Create(() => new CountingActor(counter)));
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), counting, "tick", ActorRefs.NoSender);

        Time.AdvanceStalled(TimeSpan.FromSeconds(7.5));

        // A stalled process: seven ticks are due and queued, none handled, and the clock is where the stall ended.
        Assert.Equal(0, counter.Value);
        Assert.Equal(TimeSpan.FromSeconds(7.5), Time.Elapsed);
        RunUntilIdle();
        Assert.Equal(7, counter.Value);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(8, counter.Value);
    }

    [Fact]
    public void Now_and_the_monotonic_clocks_move_only_with_virtual_time()
    {
        var now = Sys.Scheduler.Now;
        var monotonic = Sys.Scheduler.MonotonicClock;
        var highRes = Sys.Scheduler.HighResMonotonicClock;

        // Wait for a condition, not a duration: the real clock has ticked, and the virtual ones have not.
        var realStart = Environment.TickCount64;
        Assert.True(SpinWait.SpinUntil(() => Environment.TickCount64 > realStart + 1, TimeSpan.FromSeconds(10)));
        Assert.Equal(now, Sys.Scheduler.Now);
        Assert.Equal(monotonic, Sys.Scheduler.MonotonicClock);
        Assert.Equal(highRes, Sys.Scheduler.HighResMonotonicClock);

        Time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(VirtualClock.DefaultStart, now);
        Assert.Equal(now.AddHours(1), Sys.Scheduler.Now);
        Assert.Equal(monotonic + TimeSpan.FromHours(1), Sys.Scheduler.MonotonicClock);
        Assert.Equal(highRes + TimeSpan.FromHours(1), Sys.Scheduler.HighResMonotonicClock);
    }

    [Fact]
    public void Timers_fire_in_due_order_and_each_one_settles_before_the_next_fires()
    {
        var counter = new Counter();
        var counting = ActorOf(Props.Create(() => new CountingActor(counter)));
        var fired = new List<string>();
        var advanced = Sys.Scheduler.Advanced;
        advanced.ScheduleOnce(TimeSpan.FromSeconds(3), () => fired.Add($"third@{Time.Elapsed.TotalSeconds}s"));
        advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => fired.Add($"first@{Time.Elapsed.TotalSeconds}s"));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), counting, "count", ActorRefs.NoSender);
        advanced.ScheduleOnce(TimeSpan.FromSeconds(2), () => fired.Add($"second@{Time.Elapsed.TotalSeconds}s, counted {counter.Value}"));

        Time.Advance(TimeSpan.FromSeconds(5));

        // "counted 1": the message the 1 s timer sent was processed before the 2 s timer fired.
        Assert.Equal(["first@1s", "second@2s, counted 1", "third@3s"], fired);
    }

    [Fact]
    public void Runnables_actions_and_tells_can_be_scheduled_once_and_repeatedly()
    {
        var fired = new List<string>();
        void Record(string what) => fired.Add($"{what}@{Time.Elapsed.TotalSeconds}s");
        var probe = CreateTestProbe();
        var advanced = Sys.Scheduler.Advanced;
        advanced.ScheduleOnce(TimeSpan.FromSeconds(1), new Runnable(() => Record("runnable")));
        advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), new Runnable(() => Record("runnable-every-2s")));
        advanced.ScheduleOnce(TimeSpan.FromSeconds(3), () => Record("action"));
        advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), () => Record("action-every-3s"));
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "once", probe);
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TestActor, "again", probe);

        Time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(
            // At 4 s the 3 s repeat goes first: it was re-armed (at 1 s) before the 2 s one was (at 2 s).
            ["runnable@1s", "action-every-3s@1s", "runnable-every-2s@2s", "action@3s", "action-every-3s@4s", "runnable-every-2s@4s"],
            fired);
        Assert.Equal(["once", "again", "again"], ReceiveN(3, TimeSpan.Zero));
        Assert.Equal(probe.Ref, LastSender);
    }

    [Fact]
    public void Cancelled_timers_never_fire_and_leave_the_clock()
    {
        var pending = Time.PendingTimerCount;
        var once = new Cancelable(Sys.Scheduler);
        var repeated = new Cancelable(Sys.Scheduler);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "never", ActorRefs.NoSender, once);
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "tick", ActorRefs.NoSender, repeated);
        Assert.Equal(pending + 2, Time.PendingTimerCount);

        once.Cancel();
        Assert.Equal(pending + 1, Time.PendingTimerCount);
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(["tick", "tick"], ReceiveN(2, TimeSpan.Zero));

        repeated.Cancel();
        Assert.Equal(pending, Time.PendingTimerCount);
        ExpectNoMsg(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_failing_scheduled_action_does_not_stop_the_clock()
    {
        var ran = 0;
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("bad action"));
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(2), () => ran++);

        EventFilter.Exception<InvalidOperationException>("bad action").ExpectOne(() => Time.Advance(TimeSpan.FromSeconds(3)));

        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task The_clock_is_a_TimeProvider_on_the_schedulers_timeline()
    {
        TimeProvider time = Scheduler.Clock;
        var fired = new List<string>();
        using var timer = time.CreateTimer(_ => fired.Add($"provider@{Time.Elapsed.TotalSeconds}s"), null, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(1));
        Sys.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => fired.Add($"scheduler@{Time.Elapsed.TotalSeconds}s"));
        var stamp = time.GetTimestamp();
        var delay = Task.Delay(TimeSpan.FromSeconds(2), time);

        Time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(delay.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(0.7));

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["scheduler@1s", "provider@1.5s", "scheduler@2s", "provider@2.5s"], fired);
        Assert.Equal(TimeSpan.FromSeconds(2.6), time.GetElapsedTime(stamp));
        Assert.Equal(Sys.Scheduler.Now, time.GetUtcNow());
    }

    [Fact]
    public void Terminating_a_system_cancels_its_own_timers_and_no_one_elses()
    {
        var other = World.CreateSystem("other");
        Assert.Same(Time, VirtualScheduler.Of(other).Clock);
        other.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "from other", ActorRefs.NoSender);
        Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TestActor, "from test", ActorRefs.NoSender);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["from other", "from test"], ReceiveN(2, TimeSpan.Zero));

        World.Terminate(other);
        Time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(other.WhenTerminated.IsCompleted);
        Assert.Equal(["from test", "from test", "from test"], ReceiveN(3, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_system_outside_any_world_gets_a_clock_of_its_own()
    {
        using var lone = ActorSystem.Create("lone", $"akka.scheduler.implementation = \"{typeof(VirtualScheduler).FullName}, GossipActors.TestKit\"");
        var scheduler = VirtualScheduler.Of(lone);
        var fired = 0;
        lone.Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => fired++);

        scheduler.Advance(TimeSpan.FromSeconds(3));

        Assert.Null(scheduler.World);
        Assert.NotSame(Time, scheduler.Clock);
        Assert.Equal(3, fired);
        Assert.Equal(TimeSpan.Zero, Time.Elapsed);
        await lone.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
