namespace GossipActors.TestKit;

/// <summary>
/// The clock of one <see cref="DeterministicWorld"/>: it moves only when advanced, and every timer on it
/// (Akka's scheduler and any <see cref="TimeProvider"/> user alike) fires during <see cref="Advance"/> at its
/// own due time, in due order, ties in the order they were armed. Between two firings the world's run queue
/// settles, so each timer's consequences are complete before the next one fires.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    /// <summary>A fixed instant, so that logs and traces replay identically.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly SortedSet<TimerEntry> _pending = new(TimerEntry.DueOrder);
    private long _elapsedTicks;
    private long _sequence;

    public VirtualClock(DateTimeOffset? start = null)
    {
        Start = start ?? DefaultStart;
    }

    public DateTimeOffset Start { get; }

    /// <summary>Virtual time since <see cref="Start"/>; also what the scheduler reports as its monotonic clock.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Volatile.Read(ref _elapsedTicks));

    public int PendingTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>The <see cref="Elapsed"/> at which the earliest pending timer is due, or null.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : TimeSpan.FromTicks(_pending.Min!.DueTicks);
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Set by the world: run the queue until idle, firing timers that are due now.</summary>
    internal Action? Settle { get; set; }

    public override DateTimeOffset GetUtcNow() => Start + Elapsed;

    public override long GetTimestamp() => Volatile.Read(ref _elapsedTicks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, new TimerEntry(_ => callback(state)));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing every timer due on the way at its own due time.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        AdvanceTo(Elapsed + by);
    }

    /// <summary>
    /// Moves time forward by <paramref name="by"/> as a stalled process lives it: every timer due on the way fires at
    /// its due time, but nothing runs in between, so their messages wait in mailboxes until the next pump.
    /// </summary>
    public void AdvanceStalled(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        var target = Elapsed + by;
        while (true)
        {
            lock (_gate)
            {
                if (_pending.Count == 0 || _pending.Min!.DueTicks > target.Ticks)
                {
                    Volatile.Write(ref _elapsedTicks, Math.Max(_elapsedTicks, target.Ticks));
                    return;
                }

                Volatile.Write(ref _elapsedTicks, Math.Max(_elapsedTicks, _pending.Min.DueTicks));
            }

            FireNextDue();
        }
    }

    public override string ToString() => $"VirtualClock({GetUtcNow():O}, {PendingTimerCount} timers pending)";

    internal void AdvanceTo(TimeSpan target)
    {
        RunSettle();
        while (true)
        {
            lock (_gate)
            {
                if (_pending.Count == 0 || _pending.Min!.DueTicks > target.Ticks)
                {
                    break;
                }

                // Time jumps to the timer rather than to the target, so the timer sees its own due time as Now.
                Volatile.Write(ref _elapsedTicks, Math.Max(_elapsedTicks, _pending.Min.DueTicks));
            }

            RunSettle();
        }

        lock (_gate)
        {
            Volatile.Write(ref _elapsedTicks, Math.Max(_elapsedTicks, target.Ticks));
        }

        RunSettle();
    }

    /// <summary>Fires the earliest timer due now; false when none is. A periodic one is re-armed at due + period first.</summary>
    internal bool FireNextDue()
    {
        TimerEntry entry;
        lock (_gate)
        {
            if (_pending.Count == 0 || _pending.Min!.DueTicks > _elapsedTicks)
            {
                return false;
            }

            entry = _pending.Min;
            _pending.Remove(entry);
            if (entry.PeriodTicks > 0)
            {
                // Re-arming from the due time, not from now, is what keeps ten 1 s ticks in a 10 s advance.
                entry.DueTicks += entry.PeriodTicks;
                entry.Sequence = ++_sequence;
                _pending.Add(entry);
            }
            else
            {
                entry.Armed = false;
            }
        }

        entry.Fire(entry);
        return true;
    }

    /// <summary>Arms (or re-arms) <paramref name="entry"/>; an infinite due time disarms it.</summary>
    internal void Arm(TimerEntry entry, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            Disarm(entry);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, TimeSpan.Zero);
            entry.DueTicks = _elapsedTicks + dueTime.Ticks;
            entry.PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
            entry.Sequence = ++_sequence;
            entry.Armed = true;
            _pending.Add(entry);
        }
    }

    internal void Disarm(TimerEntry entry)
    {
        lock (_gate)
        {
            if (entry.Armed)
            {
                _pending.Remove(entry);
                entry.Armed = false;
            }
        }
    }

    private void RunSettle()
    {
        // The loop matters when Settle cannot run (no world, or a timer callback advancing from inside a pump):
        // due timers still fire, just without the queue settling in between.
        do
        {
            Settle?.Invoke();
        }
        while (FireNextDue());
    }

    private sealed class VirtualTimer(VirtualClock clock, TimerEntry entry) : ITimer
    {
        private bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            clock.Arm(entry, dueTime, period);
            return true;
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Disarm(entry);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>One timer on a <see cref="VirtualClock"/>; the clock owns its fields and changes them under its lock.</summary>
internal sealed class TimerEntry(Action<TimerEntry> fire)
{
    public static readonly IComparer<TimerEntry> DueOrder = Comparer<TimerEntry>.Create(static (a, b) =>
    {
        var byDue = a.DueTicks.CompareTo(b.DueTicks);
        return byDue != 0 ? byDue : a.Sequence.CompareTo(b.Sequence);
    });

    public Action<TimerEntry> Fire { get; } = fire;

    public long DueTicks { get; set; }

    public long PeriodTicks { get; set; }

    public long Sequence { get; set; }

    public bool Armed { get; set; }

    /// <summary>The scheduler's hook on the caller's cancellation token, released when the entry is done.</summary>
    public CancellationTokenRegistration Registration { get; set; }
}
