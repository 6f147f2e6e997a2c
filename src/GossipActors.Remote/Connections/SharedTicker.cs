namespace GossipActors.Remote.Connections;

/// <summary>
/// One timer for every connection that checks itself at the same interval on the same clock. Each connection still
/// runs its own check every interval, but they all wake on one timer: a node of 16 has about 30 connections, and 30
/// timers of 250 ms were 120 thread-pool wake-ups a second on an idle node, each a futex wake and a context switch
/// (docs/performance.md, "Idle cost of a node"). The timer runs only while some connection holds a subscription.
/// </summary>
internal sealed class SharedTicker
{
    private static readonly Dictionary<(TimeProvider Time, TimeSpan Interval), SharedTicker> Running = [];
    private static readonly Lock RunningGate = new();

    private readonly (TimeProvider Time, TimeSpan Interval) _key;
    private readonly ITimer _timer;
    private Tick _current = new(0);
    private int _subscribers;

    private SharedTicker((TimeProvider Time, TimeSpan Interval) key)
    {
        _key = key;
        _timer = key.Time.CreateTimer(static state => ((SharedTicker)state!).Advance(), this, key.Interval, key.Interval);
    }

    /// <summary>The ticks of <paramref name="interval"/> on <paramref name="time"/>, starting the shared timer if none runs.</summary>
    public static Subscription Subscribe(TimeProvider time, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(time);
        lock (RunningGate)
        {
            var key = (time, interval);
            if (!Running.TryGetValue(key, out var ticker))
            {
                ticker = new SharedTicker(key);
                Running.Add(key, ticker);
            }

            ticker._subscribers++;
            return new Subscription(ticker);
        }
    }

    /// <summary>How many shared timers run now (for tests: none once every subscription is disposed).</summary>
    internal static int RunningCount
    {
        get
        {
            lock (RunningGate)
            {
                return Running.Count;
            }
        }
    }

    private Tick Current => Volatile.Read(ref _current);

    private void Advance()
    {
        var fired = Interlocked.Exchange(ref _current, new Tick(Current.Number + 1));
        fired.Next.TrySetResult();
    }

    private void Unsubscribe()
    {
        lock (RunningGate)
        {
            if (--_subscribers > 0)
            {
                return;
            }

            Running.Remove(_key);
        }

        _timer.Dispose();
    }

    /// <summary>One tick's number and the signal of the tick after it.</summary>
    private sealed class Tick(long number)
    {
        public long Number { get; } = number;

        public TaskCompletionSource Next { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// One connection's view of the ticks. Like <see cref="PeriodicTimer"/>, a tick that came while the connection was
    /// busy is not lost: the next wait returns at once.
    /// </summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SharedTicker _ticker;
        private long _seen;
        private int _disposed;

        internal Subscription(SharedTicker ticker)
        {
            _ticker = ticker;
            _seen = ticker.Current.Number;
        }

        /// <summary>Completes at the next tick not yet seen by this subscription; throws when cancelled.</summary>
        public async Task WaitForNextTickAsync(CancellationToken cancellationToken)
        {
            var current = _ticker.Current;
            if (current.Number > _seen)
            {
                _seen = current.Number;
                return;
            }

            await current.Next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            _seen = current.Number + 1;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _ticker.Unsubscribe();
            }
        }
    }
}
