namespace GossipActors.TestKit;

/// <summary>
/// A clock that only moves when told to. Timers created from it fire during <see cref="Advance"/>
/// in due order (ties in creation order), and between two firings <see cref="Quiesce"/> runs, so
/// with the deterministic dispatcher every consequence of one timer settles before the next fires.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    /// <summary>Where virtual time starts unless told otherwise: a fixed instant, so logs replay identically.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly SortedSet<VirtualTimer> _pending = new(VirtualTimer.DueOrder);
    private readonly DateTimeOffset _start;
    private long _elapsedTicks;
    private long _nextSequence;

    public VirtualTimeProvider(DateTimeOffset? start = null)
    {
        _start = start ?? DefaultStart;
    }

    /// <summary>Run between timer firings; the TestKit sets it to run the dispatcher until idle.</summary>
    public Action? Quiesce { get; set; }

    /// <summary>Virtual time passed since the start.</summary>
    public TimeSpan Elapsed => TimeSpan.FromTicks(Interlocked.Read(ref _elapsedTicks));

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

    /// <summary>When the earliest pending timer is due, or null when none is pending.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count == 0 ? null : _start + TimeSpan.FromTicks(_pending.Min!.DueTicks);
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => _start + Elapsed;

    public override long GetTimestamp() => Interlocked.Read(ref _elapsedTicks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new VirtualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves time forward by <paramref name="by"/>, firing every timer that falls due on the way
    /// at its own due time, in due order, and quiescing after each.
    /// </summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Virtual time cannot go backwards");
        }

        var target = Interlocked.Read(ref _elapsedTicks) + by.Ticks;
        while (true)
        {
            Settle();
            lock (_gate)
            {
                if (_pending.Count == 0 || _pending.Min!.DueTicks > target)
                {
                    break;
                }

                Interlocked.Exchange(ref _elapsedTicks, Math.Max(_elapsedTicks, _pending.Min.DueTicks));
            }
        }

        Interlocked.Exchange(ref _elapsedTicks, target);
        Settle();
    }

    /// <summary>Fires the earliest timer that is due now; false when none is.</summary>
    public bool FireNextDue()
    {
        VirtualTimer timer;
        lock (_gate)
        {
            if (_pending.Count == 0 || _pending.Min!.DueTicks > _elapsedTicks)
            {
                return false;
            }

            timer = _pending.Min;
            _pending.Remove(timer);
            if (timer.PeriodTicks > 0)
            {
                timer.DueTicks += timer.PeriodTicks;
                timer.Sequence = ++_nextSequence;
                _pending.Add(timer);
            }
            else
            {
                timer.Scheduled = false;
            }
        }

        timer.Fire();
        return true;
    }

    public override string ToString() => $"VirtualTime({GetUtcNow():O}, {PendingTimerCount} timers pending)";

    private void Settle()
    {
        Quiesce?.Invoke();
        while (FireNextDue())
        {
            Quiesce?.Invoke();
        }
    }

    private void Schedule(VirtualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            if (timer.Scheduled)
            {
                _pending.Remove(timer);
                timer.Scheduled = false;
            }

            if (timer.Disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            if (dueTime < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Due time must be non-negative or infinite");
            }

            timer.DueTicks = _elapsedTicks + dueTime.Ticks;
            timer.PeriodTicks = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : period.Ticks;
            timer.Sequence = ++_nextSequence;
            timer.Scheduled = true;
            _pending.Add(timer);
        }
    }

    private void Cancel(VirtualTimer timer)
    {
        lock (_gate)
        {
            timer.Disposed = true;
            if (timer.Scheduled)
            {
                _pending.Remove(timer);
                timer.Scheduled = false;
            }
        }
    }

    private sealed class VirtualTimer(VirtualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public static readonly IComparer<VirtualTimer> DueOrder = Comparer<VirtualTimer>.Create(static (a, b) =>
        {
            var byDue = a.DueTicks.CompareTo(b.DueTicks);
            return byDue != 0 ? byDue : a.Sequence.CompareTo(b.Sequence);
        });

        public long DueTicks { get; set; }

        public long PeriodTicks { get; set; }

        public long Sequence { get; set; }

        public bool Scheduled { get; set; }

        public bool Disposed { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Disposed)
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Cancel(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
