using GossipActors.Actors;

namespace GossipActors.TestKit;

/// <summary>
/// Runs mailboxes on the thread that calls <see cref="RunUntilIdle"/>, one at a time, choosing
/// among the ready ones with a seeded random generator: the same seed and the same test give the
/// same interleaving of actors, every run.
/// </summary>
public sealed class DeterministicDispatcher : Dispatcher
{
    private readonly Lock _gate = new();
    private readonly Lock _pumpGate = new();
    private readonly List<IThreadPoolWorkItem> _ready = [];
    private readonly Random _random;
    private int _pumpingThread;
    private long _executed;

    public DeterministicDispatcher(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>Called when nothing is ready; returns true if it made more work (the TestKit fires a due timer).</summary>
    public Func<bool>? IdleWork { get; set; }

    /// <summary>Guards against endless message loops: a single <see cref="RunUntilIdle"/> stops with an error after this many mailbox runs.</summary>
    public long MaxRunsPerPump { get; init; } = 10_000_000;

    /// <summary>Mailbox runs executed since creation.</summary>
    public long Executed => Interlocked.Read(ref _executed);

    public int ReadyCount
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    public override bool IsDeterministic => true;

    public override void Schedule(IThreadPoolWorkItem work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            _ready.Add(work);
        }
    }

    /// <summary>
    /// Runs ready mailboxes (and idle work) until there is none. Re-entrant calls from the
    /// pumping thread return at once; a second thread waits for the first to finish.
    /// </summary>
    public override void RunUntilIdle()
    {
        var me = Environment.CurrentManagedThreadId;
        if (Volatile.Read(ref _pumpingThread) == me)
        {
            return;
        }

        lock (_pumpGate)
        {
            _pumpingThread = me;
            try
            {
                Pump();
            }
            finally
            {
                _pumpingThread = 0;
            }
        }
    }

    private void Pump()
    {
        long runs = 0;
        while (true)
        {
            var next = TakeNext();
            if (next is null)
            {
                if (IdleWork is { } idleWork && idleWork())
                {
                    continue;
                }

                return;
            }

            if (++runs > MaxRunsPerPump)
            {
                throw new InvalidOperationException(
                    $"The deterministic dispatcher (seed {Seed}) did not become idle after {MaxRunsPerPump} mailbox runs: " +
                    "actors are probably sending each other messages in an endless loop");
            }

            Interlocked.Increment(ref _executed);
            next.Execute();
        }
    }

    private IThreadPoolWorkItem? TakeNext()
    {
        lock (_gate)
        {
            var count = _ready.Count;
            if (count == 0)
            {
                return null;
            }

            var index = count == 1 ? 0 : _random.Next(count);
            var item = _ready[index];
            _ready[index] = _ready[count - 1];
            _ready.RemoveAt(count - 1);
            return item;
        }
    }
}
