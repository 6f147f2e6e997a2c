using Akka.Actor;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// A <see cref="TimeProvider"/> over an Akka scheduler, so plain .NET code (the in-memory network's delays) keeps the
/// time of the actors: virtual under a test scheduler, the system's own clock in production.
/// </summary>
public sealed class SchedulerTimeProvider(IScheduler scheduler) : TimeProvider
{
    public IScheduler Scheduler { get; } = scheduler ?? throw new ArgumentNullException(nameof(scheduler));

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => Scheduler.Now;

    public override long GetTimestamp() => Scheduler.MonotonicClock.Ticks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SchedulerTimer(Scheduler.Advanced, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }

    private sealed class SchedulerTimer(IAdvancedScheduler scheduler, Action fire) : ITimer
    {
        private readonly Lock _gate = new();
        private Cancelable? _armed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _armed?.Cancel();
                _armed = null;
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                _armed = new Cancelable(scheduler);
                if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
                {
                    scheduler.ScheduleOnce(dueTime, fire, _armed);
                }
                else
                {
                    scheduler.ScheduleRepeatedly(dueTime, period, fire, _armed);
                }

                return true;
            }
        }

        public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
