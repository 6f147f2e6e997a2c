namespace GossipActors.Remote.Connections;

/// <summary>
/// The clock of a connection's monitor: a tick every interval while the connection has something to watch, none while
/// it is parked. An idle node has dozens of connections with nothing in flight, and a check every 250 ms on each of
/// them was a thread-pool wake-up each (docs/performance.md, "Idle cost of a node"). Parking is two-phase so that a
/// <see cref="Wake"/> racing with the monitor's last look is never lost: the monitor announces the park, looks again,
/// and only then stops the timer, unless it was woken in between.
/// </summary>
internal sealed class ParkableTicker : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly object _gate = new();
    private TaskCompletionSource? _waiter;
    private bool _due;
    private volatile bool _parking;
    private bool _timerStopped;
    private bool _disposed;

    public ParkableTicker(TimeProvider time, TimeSpan interval)
    {
        _interval = interval;
        _timer = time.CreateTimer(static state => ((ParkableTicker)state!).Fire(), this, interval, interval);
    }

    /// <summary>Whether the timer is stopped by a park that has not ended yet.</summary>
    public bool IsParked
    {
        get
        {
            lock (_gate)
            {
                return _timerStopped;
            }
        }
    }

    /// <summary>Completes at the next tick (at once if one came while the monitor was busy: ticks do not pile up).</summary>
    public Task WaitForTickAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_due)
            {
                _due = false;
                return Task.CompletedTask;
            }

            _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>First phase: from now on a <see cref="Wake"/> cancels the park.</summary>
    public void BeginPark() => _parking = true;

    /// <summary>The monitor looked again and found work: keep ticking.</summary>
    public void CancelPark() => _parking = false;

    /// <summary>
    /// Second phase: no tick until <see cref="Wake"/>, or until <paramref name="wakeAfter"/> has passed (whatever the
    /// monitor must do even on an idle connection); then ticks resume every interval. False if woken since
    /// <see cref="BeginPark"/>.
    /// </summary>
    public bool CompletePark(TimeSpan wakeAfter)
    {
        lock (_gate)
        {
            if (!_parking || _disposed)
            {
                return false;
            }

            _timerStopped = true;
            _due = false;
            _timer.Change(wakeAfter, _interval);
            return true;
        }
    }

    /// <summary>Something to watch has begun (a write, part of a message read): tick again from one interval on.</summary>
    public void Wake()
    {
        if (!_parking)
        {
            return;
        }

        lock (_gate)
        {
            _parking = false;
            if (_timerStopped && !_disposed)
            {
                _timerStopped = false;
                _timer.Change(_interval, _interval);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Fire()
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            // A park that ends by its own deadline ends like a wake.
            _parking = false;
            _timerStopped = false;
            waiter = _waiter;
            _waiter = null;
            if (waiter is null)
            {
                _due = true;
                return;
            }
        }

        waiter.TrySetResult();
    }
}
