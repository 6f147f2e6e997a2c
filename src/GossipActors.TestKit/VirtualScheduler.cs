using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace GossipActors.TestKit;

/// <summary>
/// Akka's scheduler on virtual time, installed with <c>akka.scheduler.implementation</c>. Each ActorSystem gets its
/// own instance (Akka builds it with the system), and all instances of one <see cref="DeterministicWorld"/> share
/// the world's <see cref="VirtualClock"/>; a system created outside a world gets a clock of its own. Timers fire
/// on the thread that advances the clock, never on a timer thread.
/// </summary>
public sealed class VirtualScheduler : SchedulerBase, IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<TimerEntry> _armed = [];
    private bool _disposed;

    public VirtualScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
        World = DeterministicWorld.Find(config);
        Clock = World?.Time ?? new VirtualClock();
    }

    /// <summary>The virtual clock, which is also the <see cref="TimeProvider"/> for code outside Akka.</summary>
    public VirtualClock Clock { get; }

    /// <summary>The world this system belongs to, or null when it was created without one.</summary>
    public DeterministicWorld? World { get; }

    public override TimeSpan MonotonicClock => Clock.Elapsed;

    public override TimeSpan HighResMonotonicClock => Clock.Elapsed;

    protected override DateTimeOffset TimeNow => Clock.GetUtcNow();

    /// <summary>The virtual scheduler of <paramref name="system"/>.</summary>
    public static VirtualScheduler Of(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.Scheduler as VirtualScheduler ?? throw new InvalidOperationException(
            $"ActorSystem {system.Name} runs {system.Scheduler.GetType().Name}; set akka.scheduler.implementation to {typeof(VirtualScheduler).FullName}");
    }

    /// <summary>Advances the shared clock; see <see cref="VirtualClock.Advance"/>.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    /// <summary>Akka calls this when the system terminates: this system's timers go, the other systems' stay.</summary>
    public void Dispose()
    {
        TimerEntry[] armed;
        lock (_gate)
        {
            _disposed = true;
            armed = [.. _armed];
            _armed.Clear();
        }

        foreach (var entry in armed)
        {
            Release(entry);
        }
    }

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Schedule(initialDelay, interval, () => receiver.Tell(message, sender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Schedule(delay, TimeSpan.Zero, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Schedule(initialDelay, interval, action.Run, cancelable);

    private void Schedule(TimeSpan delay, TimeSpan interval, Action action, ICancelable? cancelable)
    {
        if (cancelable?.IsCancellationRequested == true)
        {
            return;
        }

        var entry = new TimerEntry(self => Fire(self, action, cancelable));
        lock (_gate)
        {
            // Akka expects this exception after shutdown (a dispatcher then shuts down at once instead of later).
            if (_disposed)
            {
                throw new SchedulerException("The virtual scheduler has been shut down with its actor system");
            }

            _armed.Add(entry);
        }

        Clock.Arm(entry, delay, interval);
        if (cancelable is not null)
        {
            // Cancelled timers leave the clock at once, so NextDue and PendingTimerCount mean what they say.
            entry.Registration = cancelable.Token.Register(() => Release(entry));
        }
    }

    private void Fire(TimerEntry entry, Action action, ICancelable? cancelable)
    {
        if (cancelable?.IsCancellationRequested == true)
        {
            Release(entry);
            return;
        }

        if (entry.PeriodTicks == 0)
        {
            Release(entry);
        }

        try
        {
            action();
        }
        catch (Exception e)
        {
            // As with Akka's own schedulers, one failing task is logged and the clock goes on.
            Log.Error(e, "Scheduled task failed");
        }
    }

    private void Release(TimerEntry entry)
    {
        Clock.Disarm(entry);
        entry.Registration.Dispose();
        lock (_gate)
        {
            _armed.Remove(entry);
        }
    }
}
