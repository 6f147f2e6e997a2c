using System.Collections.Concurrent;

namespace GossipActors.Actors.Internal;

/// <summary>An <see cref="IScheduler"/> made of <see cref="TimeProvider"/> timers, one per scheduled item.</summary>
internal sealed class TimeProviderScheduler(ActorSystem system) : IScheduler
{
    private readonly ConcurrentDictionary<ScheduledItem, byte> _active = new();
    private volatile bool _shutDown;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        Start(delay, Timeout.InfiniteTimeSpan, new TellWork(receiver, message, sender ?? ActorRefs.NoSender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        RequirePositive(interval, nameof(interval));
        return Start(initialDelay, interval, new TellWork(receiver, message, sender ?? ActorRefs.NoSender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Start(delay, Timeout.InfiniteTimeSpan, new ActionWork(action));

    public ICancelable ScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action)
    {
        RequirePositive(interval, nameof(interval));
        return Start(initialDelay, interval, new ActionWork(action));
    }

    /// <summary>Cancels everything still pending; later requests are ignored.</summary>
    public void Shutdown()
    {
        _shutDown = true;
        foreach (var item in _active.Keys)
        {
            item.Cancel();
        }
    }

    private static void RequirePositive(TimeSpan interval, string name)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, interval, "A repeating interval must be positive");
        }
    }

    private ScheduledItem Start(TimeSpan delay, TimeSpan period, Work work)
    {
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        var item = new ScheduledItem(this, work, period != Timeout.InfiniteTimeSpan);
        if (_shutDown)
        {
            item.Cancel();
            return item;
        }

        _active.TryAdd(item, 0);
        item.Arm(system.TimeProvider, delay, period);
        return item;
    }

    private void Fire(Work work)
    {
        try
        {
            work.Run();
        }
        catch (Exception ex)
        {
            system.LogSchedulerFault(ex);
        }
    }

    private abstract class Work
    {
        public abstract void Run();
    }

    private sealed class TellWork(IActorRef receiver, object message, IActorRef sender) : Work
    {
        public override void Run() => receiver.Tell(message, sender);
    }

    private sealed class ActionWork(Action action) : Work
    {
        public override void Run() => action();
    }

    private sealed class ScheduledItem(TimeProviderScheduler owner, Work work, bool repeating) : ICancelable
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private bool _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled);

        public void Arm(TimeProvider time, TimeSpan delay, TimeSpan period)
        {
            var timer = time.CreateTimer(static state => ((ScheduledItem)state!).OnTimer(), this, delay, period);
            lock (_gate)
            {
                if (!_cancelled)
                {
                    _timer = timer;
                    return;
                }
            }

            timer.Dispose();
        }

        public void Cancel()
        {
            ITimer? timer;
            lock (_gate)
            {
                if (_cancelled)
                {
                    return;
                }

                _cancelled = true;
                timer = _timer;
                _timer = null;
            }

            timer?.Dispose();
            owner._active.TryRemove(this, out _);
        }

        private void OnTimer()
        {
            if (IsCancellationRequested)
            {
                return;
            }

            if (!repeating)
            {
                Cancel();
            }

            owner.Fire(work);
        }
    }
}
