using Akka.Actor;
using GossipActors.Akka.Configuration;
using GossipActors.Akka.Scheduling;
using GossipActors.Hocon;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Akka.Tests;

/// <summary>The scheduler on a <see cref="VirtualClock"/>: its timers fire during Advance, on the test's thread.</summary>
public sealed class TimeProviderSchedulerTests : global::Akka.TestKit.Xunit2.TestKit
{
    private readonly VirtualClock _clock = new();
    private readonly TimeProviderScheduler _scheduler;

    public TimeProviderSchedulerTests()
    {
        _scheduler = new TimeProviderScheduler(global::Akka.Configuration.Config.Empty, Sys.Log, _clock);
    }

    private IScheduler Scheduler => _scheduler;

    [Fact]
    public void A_task_runs_at_its_due_time_not_one_tick_later_and_its_timer_is_released()
    {
        var runs = new List<TimeSpan>();
        Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(1001), () => runs.Add(_clock.Elapsed));

        _clock.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Empty(runs);
        Assert.Equal(1, _scheduler.ArmedCount);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([TimeSpan.FromMilliseconds(1001)], runs);
        Assert.Equal(0, _scheduler.ArmedCount);
    }

    [Fact]
    public void A_periodic_task_runs_once_per_interval_at_its_own_time_until_cancelled()
    {
        var runs = new List<TimeSpan>();
        var cancelable = new Cancelable(Scheduler);
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), () => runs.Add(_clock.Elapsed), cancelable);

        _clock.Advance(TimeSpan.FromSeconds(3));
        cancelable.Cancel();
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([250, 1250, 2250], runs.Select(r => (int)r.TotalMilliseconds));
        Assert.Equal(0, _scheduler.ArmedCount);
    }

    [Fact]
    public void A_tell_is_delivered_when_due_and_a_cancelled_one_never()
    {
        var cancelled = new Cancelable(Scheduler);
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), TestActor, "kept", ActorRefs.NoSender);
        Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), TestActor, "cancelled", ActorRefs.NoSender, cancelled);
        cancelled.Cancel();
        Assert.Equal(1, _scheduler.ArmedCount);

        _clock.Advance(TimeSpan.FromSeconds(2));

        ExpectMsg("kept");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.Equal(0, _scheduler.ArmedCount);
    }

    [Fact]
    public void An_already_cancelled_task_is_not_armed()
    {
        var cancelable = new Cancelable(Scheduler);
        cancelable.Cancel();

        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.Zero, TimeSpan.FromSeconds(1), () => throw new InvalidOperationException("must not run"), cancelable);

        Assert.Equal(0, _scheduler.ArmedCount);
        _clock.Advance(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_failing_task_is_logged_and_a_periodic_one_goes_on()
    {
        var runs = 0;
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () =>
        {
            runs++;
            throw new InvalidOperationException("boom");
        });

        EventFilter.Exception<InvalidOperationException>("boom").Expect(2, () => _clock.Advance(TimeSpan.FromSeconds(2)));

        Assert.Equal(2, runs);
        Assert.Equal(1, _scheduler.ArmedCount);
    }

    [Fact]
    public void Dispose_releases_every_timer_and_later_schedules_are_refused()
    {
        var runs = 0;
        Scheduler.Advanced.ScheduleRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), () => runs++);
        Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => runs++);

        _scheduler.Dispose();
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, runs);
        Assert.Equal(0, _scheduler.ArmedCount);
        Assert.Equal(0, _clock.PendingTimerCount);
        Assert.Throws<SchedulerException>(() => Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => runs++));
    }

    [Fact]
    public void A_caller_that_suppressed_the_execution_context_flow_can_schedule()
    {
        var runs = 0;
        using (ExecutionContext.SuppressFlow())
        {
            Scheduler.Advanced.ScheduleOnce(TimeSpan.FromSeconds(1), () => runs++);
        }

        _clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, runs);
    }

    [Fact]
    public void Clocks_are_the_time_providers()
    {
        var monotonic = Scheduler.MonotonicClock;

        _clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(monotonic + TimeSpan.FromMinutes(1), Scheduler.MonotonicClock);
        Assert.Equal(Scheduler.MonotonicClock, _scheduler.HighResMonotonicClock);
        Assert.Equal(_clock.GetUtcNow(), Scheduler.Now);
    }

    [Fact]
    public void Reference_conf_makes_it_the_scheduler_of_a_system_it_configures()
    {
        using var system = ActorSystem.Create("reference", AkkaConfigBridge.ToAkka(HoconConfig.Reference, "akka"));

        Assert.IsType<TimeProviderScheduler>(system.Scheduler);
    }
}
