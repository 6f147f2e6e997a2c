namespace GossipActors.Remote.Connections;

/// <summary>
/// One timer for every connection that checks itself at the same interval on the same clock. Each tick runs every
/// subscriber's check, one after the other, in the timer's own callback. A node of 16 has about 30 connections: 30
/// timers of 250 ms were 120 thread-pool wake-ups a second on an idle node, and 30 awaiting loops woken by one timer
/// were still 120 continuations a second, each a queued work item (docs/performance.md, "Idle cost of a node"). A check
/// must therefore be short and must not block; anything slow it starts runs on its own. The timer runs only while
/// some connection holds a subscription.
/// </summary>
internal sealed class SharedTicker
{
    private static readonly Dictionary<(TimeProvider Time, TimeSpan Interval), SharedTicker> Running = [];
    private static readonly Lock RunningGate = new();

    private readonly (TimeProvider Time, TimeSpan Interval) _key;
    private readonly ITimer _timer;
    private Subscription[] _subscribers = [];
    private int _due;
    private int _ticking;

    private SharedTicker((TimeProvider Time, TimeSpan Interval) key)
    {
        _key = key;
        _timer = key.Time.CreateTimer(static state => ((SharedTicker)state!).Tick(), this, key.Interval, key.Interval);
    }

    /// <summary>
    /// Runs <paramref name="onTick"/> once every <paramref name="interval"/> on <paramref name="time"/> until the
    /// subscription is disposed, starting the shared timer if none runs. A subscriber's ticks never overlap: a tick that
    /// comes while the previous one still runs is run right after it, and only one such tick is kept (as
    /// <see cref="PeriodicTimer"/> keeps one). A tick that has already begun may still call a subscriber being disposed.
    /// <paramref name="onTick"/> must not throw: it runs in a timer's callback, where an exception ends the process.
    /// </summary>
    public static Subscription Subscribe(TimeProvider time, TimeSpan interval, Action onTick)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onTick);
        lock (RunningGate)
        {
            var key = (time, interval);
            if (!Running.TryGetValue(key, out var ticker))
            {
                ticker = new SharedTicker(key);
                Running.Add(key, ticker);
            }

            var subscription = new Subscription(ticker, onTick);
            ticker._subscribers = [.. ticker._subscribers, subscription];
            return subscription;
        }
    }

    // Marked due first, then whoever holds the ticking flag runs it: a tick that finds a run in progress is picked up by
    // that run when it ends, because the runner looks at the due mark again only after letting go of the flag.
    private void Tick()
    {
        Interlocked.Exchange(ref _due, 1);
        while (Volatile.Read(ref _due) == 1 && Interlocked.CompareExchange(ref _ticking, 1, 0) == 0)
        {
            Interlocked.Exchange(ref _due, 0);
            try
            {
                foreach (var subscriber in Volatile.Read(ref _subscribers))
                {
                    subscriber.Run();
                }
            }
            finally
            {
                Interlocked.Exchange(ref _ticking, 0);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (RunningGate)
        {
            _subscribers = [.. _subscribers.Where(s => s != subscription)];
            if (_subscribers.Length > 0)
            {
                return;
            }

            Running.Remove(_key);
        }

        _timer.Dispose();
    }

    /// <summary>One subscriber's place on the ticker; disposing it stops its ticks.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SharedTicker _ticker;
        private readonly Action _onTick;
        private int _disposed;

        internal Subscription(SharedTicker ticker, Action onTick)
        {
            _ticker = ticker;
            _onTick = onTick;
        }

        internal void Run()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                _onTick();
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _ticker.Unsubscribe(this);
            }
        }
    }
}
