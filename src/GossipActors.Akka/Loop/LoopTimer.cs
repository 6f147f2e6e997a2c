namespace GossipActors.Akka.Loop;

/// <summary>
/// A timer of an <see cref="EventLoop"/>: its callback runs on the loop's thread. Each <see cref="Change"/> makes a new
/// version; the loop's queue may still hold entries of older versions, and those are skipped, never fired.
/// All state is guarded by the loop's timer gate.
/// </summary>
internal sealed class LoopTimer(EventLoop loop, TimerCallback callback, object? state) : ITimer
{
    private long _version;
    private bool _armed;
    private bool _disposed;
    private long _periodTicks = -1;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        var dueTicks = ToTicks(dueTime, nameof(dueTime));
        var periodTicks = ToTicks(period, nameof(period));
        bool wake;
        lock (loop.TimersGate)
        {
            if (_disposed)
            {
                return false;
            }

            if (_armed)
            {
                loop.EntrySuperseded();
            }

            _version++;
            _periodTicks = periodTicks <= 0 ? -1 : periodTicks;
            _armed = dueTicks >= 0;
            wake = _armed && loop.EnqueueLocked(this, _version, loop.GetTimestamp() + dueTicks);
        }

        if (wake)
        {
            loop.Wake();
        }

        return true;
    }

    public void Dispose()
    {
        lock (loop.TimersGate)
        {
            if (_armed)
            {
                loop.EntrySuperseded();
            }

            _disposed = true;
            _armed = false;
            _version++;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Whether an entry of <paramref name="version"/> is the timer's live one. Under the gate.</summary>
    internal bool IsArmedAs(long version) => _armed && _version == version;

    /// <summary>
    /// Its live entry fell due at <paramref name="due"/>: for a periodic timer, when it is next due (one period after
    /// this due time, or after now when the loop is further behind than a period: a late loop fires once, not a
    /// burst); null for a one-shot, which is disarmed. Under the gate.
    /// </summary>
    internal long? TakeDue(long due, long now)
    {
        if (_periodTicks < 0)
        {
            _armed = false;
            return null;
        }

        return due + _periodTicks > now ? due + _periodTicks : now + _periodTicks;
    }

    /// <summary>Runs the callback unless the timer was changed or disposed since its entry of <paramref name="version"/> fell due.</summary>
    internal void FireIfStill(long version)
    {
        lock (loop.TimersGate)
        {
            if (_disposed || _version != version)
            {
                return;
            }
        }

        callback(state);
    }

    private long ToTicks(TimeSpan span, string name)
    {
        if (span == Timeout.InfiniteTimeSpan)
        {
            return -1;
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(span.TotalMilliseconds, uint.MaxValue - 2, name);
        return (long)(span.Ticks * (double)loop.TimestampFrequency / TimeSpan.TicksPerSecond);
    }
}
