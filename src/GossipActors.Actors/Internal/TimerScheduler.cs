namespace GossipActors.Actors.Internal;

/// <summary>
/// An actor's keyed timers. Each start gets a fresh generation; a queued timer message whose
/// generation is no longer current is dropped on arrival, which is what makes cancel reliable.
/// </summary>
internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, ActiveTimer> _timers = [];
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer))
        {
            timer.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values)
        {
            timer.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>True when <paramref name="message"/> belongs to a live timer; forgets single timers as they fire.</summary>
    internal bool Accept(TimerMessage message)
    {
        if (!ReferenceEquals(message.Owner, this)
            || !_timers.TryGetValue(message.Key, out var timer)
            || timer.Generation != message.Generation)
        {
            return false;
        }

        if (!timer.Periodic)
        {
            _timers.Remove(message.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        var envelope = new TimerMessage(this, key, generation, message);
        var periodic = interval != Timeout.InfiniteTimeSpan;
        var handle = periodic
            ? cell.System.Scheduler.ScheduleTellRepeatedly(initialDelay, interval, cell.Self, envelope, ActorRefs.NoSender)
            : cell.System.Scheduler.ScheduleTellOnce(initialDelay, cell.Self, envelope, ActorRefs.NoSender);
        _timers[key] = new ActiveTimer(generation, periodic, handle);
    }

    private readonly record struct ActiveTimer(long Generation, bool Periodic, ICancelable Handle);
}

/// <summary>A timer's message on its way through the mailbox, stamped with owner and generation.</summary>
internal sealed class TimerMessage(TimerScheduler owner, object key, long generation, object message)
{
    public TimerScheduler Owner { get; } = owner;

    public object Key { get; } = key;

    public long Generation { get; } = generation;

    public object Message { get; } = message;
}
