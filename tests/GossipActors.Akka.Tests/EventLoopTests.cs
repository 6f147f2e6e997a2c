using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Dispatch;
using GossipActors.Akka.Loop;
using GossipActors.Akka.Scheduling;
using Xunit;

namespace GossipActors.Akka.Tests;

/// <summary>
/// The gossip stage's thread. These run a real thread, so they wait for what must happen under a generous deadline
/// and never assert how long anything took: a missed wake-up shows as a timer that fires ten minutes late, past it.
/// </summary>
public sealed class EventLoopTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly EventLoop _loop = new("test-loop");

    public void Dispose() => _loop.Dispose();

    [Fact]
    public void Work_queued_from_other_threads_runs_on_the_loop_in_order()
    {
        var ran = new ConcurrentQueue<(int Item, bool OnLoop)>();
        var done = new ManualResetEventSlim();
        for (var i = 0; i < 100; i++)
        {
            var item = i;
            _loop.Execute(new ActionRunnable(() =>
            {
                ran.Enqueue((item, _loop.IsLoopThread));
                if (item == 99)
                {
                    done.Set();
                }
            }));
        }

        Assert.True(done.Wait(Deadline));
        Assert.Equal(Enumerable.Range(0, 100), ran.Select(r => r.Item));
        Assert.All(ran, r => Assert.True(r.OnLoop));
    }

    [Fact]
    public void A_timer_armed_earlier_than_the_loops_sleep_wakes_it()
    {
        using var late = _loop.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        var fired = new ManualResetEventSlim();
        var onLoop = false;

        // Once the loop sleeps until the ten-minute timer, arm one due at once from this thread.
        Assert.True(SpinWait.SpinUntil(() => _loop.IsAsleep, Deadline));
        using var soon = _loop.CreateTimer(_ => { onLoop = _loop.IsLoopThread; fired.Set(); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.True(fired.Wait(Deadline));
        Assert.True(onLoop);
        Assert.Equal(1, _loop.ArmedTimerCount);
    }

    [Fact]
    public void A_one_shot_fires_once_and_a_disarmed_or_disposed_timer_never()
    {
        var fired = new ConcurrentQueue<string>();
        var marker = new ManualResetEventSlim();
        using var once = _loop.CreateTimer(_ => fired.Enqueue("once"), null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        using var disarmed = _loop.CreateTimer(_ => fired.Enqueue("disarmed"), null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        var disposed = _loop.CreateTimer(_ => fired.Enqueue("disposed"), null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        disarmed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));

        // Due later than the others: by the time it fires, they have had their chance.
        using var last = _loop.CreateTimer(_ => marker.Set(), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);

        Assert.True(marker.Wait(Deadline));
        Assert.Equal(["once"], fired);
        Assert.Equal(0, _loop.ArmedTimerCount);
    }

    [Fact]
    public void A_timer_changed_by_an_earlier_callback_of_the_same_round_does_not_fire()
    {
        var fired = new ConcurrentQueue<string>();
        var done = new ManualResetEventSlim();
        ITimer? second = null;
        var gate = new ManualResetEventSlim();

        // Hold the loop, so both timers are due when it next looks.
        _loop.Execute(new ActionRunnable(() => gate.Wait(Deadline)));
        using var first = _loop.CreateTimer(_ => { fired.Enqueue("first"); second!.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        second = _loop.CreateTimer(_ => fired.Enqueue("second"), null, TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
        var armedAt = _loop.GetTimestamp();
        Assert.True(SpinWait.SpinUntil(() => _loop.GetTimestamp() > armedAt + _loop.TimestampFrequency / 1000, Deadline));
        gate.Set();
        _loop.Execute(new ActionRunnable(() => _loop.CreateTimer(_ => done.Set(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan)));

        Assert.True(done.Wait(Deadline));
        Assert.Equal(["first"], fired);
        second.Dispose();
    }

    [Fact]
    public void A_periodic_timer_repeats_until_disposed()
    {
        var count = 0;
        var thrice = new ManualResetEventSlim();
        var timer = _loop.CreateTimer(_ =>
        {
            if (Interlocked.Increment(ref count) == 3)
            {
                thrice.Set();
            }
        }, null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

        Assert.True(thrice.Wait(Deadline));
        Assert.Equal(1, _loop.ArmedTimerCount);
        timer.Dispose();
        Assert.Equal(0, _loop.ArmedTimerCount);
    }

    [Fact]
    public void A_timer_re_armed_far_ahead_again_and_again_leaves_no_pile_of_stale_entries()
    {
        using var timer = _loop.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        for (var i = 0; i < 10_000; i++)
        {
            timer.Change(TimeSpan.FromMinutes(10), Timeout.InfiniteTimeSpan);
        }

        Assert.InRange(_loop.QueuedTimerEntries, 1, 1_000);
        Assert.Equal(1, _loop.ArmedTimerCount);
    }

    [Fact]
    public void Disposing_runs_what_was_queued_and_then_refuses_work()
    {
        var ran = false;
        var gate = new ManualResetEventSlim();
        _loop.Execute(new ActionRunnable(() => gate.Wait(Deadline)));
        _loop.Execute(new ActionRunnable(() => ran = true));
        gate.Set();
        _loop.Dispose();

        Assert.True(ran);
        Assert.Throws<RejectedExecutionException>(() => _loop.Execute(new ActionRunnable(() => { })));
    }

    [Fact]
    public void The_gossip_dispatcher_runs_actors_on_the_thread_that_fires_the_systems_timers()
    {
        var config = global::Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.scheduler.implementation = "{{typeof(TimeProviderScheduler).AssemblyQualifiedName}}"
            akka.actor.gossip-dispatcher {
              type = Dispatcher
              executor = "{{typeof(EventLoopExecutorConfigurator).AssemblyQualifiedName}}"
            }
            """);
        using var system = ActorSystem.Create("loop", config);
        var loop = Assert.IsType<EventLoop>(((TimeProviderScheduler)system.Scheduler).Time);
        var threads = new ConcurrentQueue<bool>();
        var done = new ManualResetEventSlim();
        var actor = system.ActorOf(Props.Create(() => new ThreadRecorder(loop, threads, done)).WithDispatcher("akka.actor.gossip-dispatcher"));

        system.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), actor, "from a timer", ActorRefs.NoSender);
        actor.Tell("from the test");

        Assert.True(done.Wait(Deadline));
        Assert.Equal([true, true], threads);
    }

    private sealed class ThreadRecorder(EventLoop loop, ConcurrentQueue<bool> threads, ManualResetEventSlim done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            threads.Enqueue(loop.IsLoopThread);
            if (threads.Count == 2)
            {
                done.Set();
            }
        }
    }
}
