using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;
using GossipActors.Akka.Loop;

namespace GossipActors.Akka.Scheduling;

/// <summary>
/// Akka's scheduler with one <see cref="TimeProvider"/> timer per scheduled task, armed for that task's own due time,
/// installed by reference.conf's <c>akka.scheduler.implementation</c>. Akka's default (the hashed wheel) wakes the
/// process every <c>akka.scheduler.tick-duration</c> (10 ms) whether or not anything is due, a hundred thread-pool
/// wake-ups a second on an idle node, and fires each task up to one tick late. Here nothing runs until a task is due, and a task fires
/// at its due time within the operating system timer's resolution (about a millisecond), so no timeout or failure
/// detector tick is coarser than its setting. A periodic task is re-armed from its due time by the timer itself.
/// Tasks run where the <see cref="TimeProvider"/> runs its timers: Akka's constructor gives the scheduler an
/// <see cref="EventLoop"/> of its own, which the gossip dispatcher shares (<see cref="EventLoopExecutorConfigurator"/>),
/// so a timer that tells a gossip actor wakes one thread, not three. One task that throws is logged and the others go on.
/// </summary>
public sealed class TimeProviderScheduler : SchedulerBase, IDisposable
{
    private readonly TimeProvider _time;
    private readonly EventLoop? _ownedLoop;
    private readonly long _origin;
    private readonly Lock _gate = new();
    private readonly HashSet<ITimer> _armed = [];
    private bool _disposed;

    /// <summary>
    /// The constructor Akka calls for <c>akka.scheduler.implementation</c>: the system clock, with timers fired by an
    /// <see cref="EventLoop"/> the scheduler owns and stops when the system terminates.
    /// </summary>
    public TimeProviderScheduler(Config config, ILoggingAdapter log)
        : this(config, log, new EventLoop("akka-loop"))
    {
        _ownedLoop = (EventLoop)_time;
    }

    /// <summary>A scheduler on <paramref name="time"/>, whose timers decide when tasks run.</summary>
    public TimeProviderScheduler(Config config, ILoggingAdapter log, TimeProvider time)
        : base(config, log)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _origin = time.GetTimestamp();
    }

    /// <summary>The clock and timers tasks run on.</summary>
    public TimeProvider Time => _time;

    /// <summary>Tasks scheduled and neither run (once), cancelled, nor disposed with the scheduler.</summary>
    public int ArmedCount
    {
        get
        {
            lock (_gate)
            {
                return _armed.Count;
            }
        }
    }

    public override TimeSpan MonotonicClock => _time.GetElapsedTime(_origin);

    public override TimeSpan HighResMonotonicClock => _time.GetElapsedTime(_origin);

    protected override DateTimeOffset TimeNow => _time.GetUtcNow();

    /// <summary>Akka calls this when the system terminates: every armed timer is released, and later schedules throw.</summary>
    public void Dispose()
    {
        ITimer[] armed;
        lock (_gate)
        {
            _disposed = true;
            armed = [.. _armed];
            _armed.Clear();
        }

        foreach (var timer in armed)
        {
            timer.Dispose();
        }

        _ownedLoop?.Dispose();
    }

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan period, Action action, ICancelable? cancelable)
    {
        if (cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        var task = new ScheduledTask(this, action, cancelable, once: period == Timeout.InfiniteTimeSpan);
        ITimer timer;

        // The caller's ambient context (activities, async locals) must not travel into every later firing. Suppressing
        // twice throws, and a caller may have suppressed it already.
        using (ExecutionContext.IsFlowSuppressed() ? default(AsyncFlowControl?) : ExecutionContext.SuppressFlow())
        {
            timer = _time.CreateTimer(static state => ((ScheduledTask)state!).Fire(), task, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        lock (_gate)
        {
            // Akka expects this exception after shutdown (a dispatcher then shuts down at once instead of later).
            if (_disposed)
            {
                timer.Dispose();
                throw new SchedulerException("The scheduler has been shut down with its actor system");
            }

            _armed.Add(timer);
        }

        task.Timer = timer;
        if (cancelable is not null)
        {
            task.Registration = cancelable.Token.Register(static state => ((ScheduledTask)state!).Release(), task);
        }

        // Armed last, so a task due at once finds its timer and registration in place when it fires. A cancellation
        // that came after the first check has released the timer already: nothing to arm.
        if (cancelable?.IsCancellationRequested != true)
        {
            try
            {
                timer.Change(delay, period);
            }
            catch (ObjectDisposedException)
            {
                // Cancelled (or the scheduler disposed) between the check and here: the task is not to run.
            }
        }
    }

    private void Release(ITimer timer)
    {
        timer.Dispose();
        lock (_gate)
        {
            _armed.Remove(timer);
        }
    }

    private sealed class ScheduledTask(TimeProviderScheduler scheduler, Action action, ICancelable? cancelable, bool once)
    {
        public ITimer? Timer { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public void Fire()
        {
            if (cancelable?.IsCancellationRequested == true)
            {
                Release();
                return;
            }

            if (once)
            {
                Release();
            }

            try
            {
                action();
            }
            catch (Exception e)
            {
                // As with Akka's own schedulers, one failing task is logged and the others go on.
                scheduler.Log.Error(e, "Scheduled task failed");
            }
        }

        public void Release()
        {
            Registration.Dispose();
            if (Timer is { } timer)
            {
                scheduler.Release(timer);
            }
        }
    }
}
