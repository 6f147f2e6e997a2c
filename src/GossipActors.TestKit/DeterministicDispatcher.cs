using Akka.Configuration;
using Akka.Dispatch;

namespace GossipActors.TestKit;

/// <summary>
/// Selected by a dispatcher section whose <c>type</c> names this class (the world's configuration does it for
/// <c>gossip.dispatcher</c>). Its dispatcher runs nothing itself: every mailbox run goes into the world's seeded
/// run queue, which the test's thread drains.
/// </summary>
public sealed class DeterministicDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly DeterministicDispatcher _dispatcher;

    public DeterministicDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(prerequisites);
        var id = config.GetString("id");
        var world = DeterministicWorld.Find(prerequisites.Settings.Config) ?? throw new ConfigurationException(
            $"Dispatcher {id} is deterministic, but the system belongs to no live DeterministicWorld; create it with DeterministicWorld.CreateSystem");
        _dispatcher = new DeterministicDispatcher(this, world, id, config.GetInt("throughput", 1));
    }

    public override MessageDispatcher Dispatcher() => _dispatcher;
}

internal sealed class DeterministicDispatcher : MessageDispatcher
{
    private readonly DeterministicWorld _world;

    public DeterministicDispatcher(MessageDispatcherConfigurator configurator, DeterministicWorld world, string id, int throughput)
        : base(configurator)
    {
        _world = world;
        Id = id;
        Throughput = throughput;
        // ThroughputDeadlineTime stays null: a deadline would be read from the wall clock and make batches vary.
    }

    protected override void ExecuteTask(IRunnable run) => _world.Enqueue(run);

    // The run queue belongs to the world and outlives any one system.
    protected override void Shutdown()
    {
    }
}

/// <summary>Ready work of one world; the next item is drawn at random from a generator seeded by the world's seed.</summary>
internal sealed class RunQueue(int seed)
{
    private readonly Lock _gate = new();
    private readonly List<IRunnable> _ready = [];
    private readonly Random _random = new(seed);
    private readonly ManualResetEventSlim _arrived = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    public void Add(IRunnable run)
    {
        lock (_gate)
        {
            _ready.Add(run);
        }

        _arrived.Set();
    }

    public IRunnable? TakeNext()
    {
        lock (_gate)
        {
            var count = _ready.Count;
            if (count == 0)
            {
                return null;
            }

            var index = count == 1 ? 0 : _random.Next(count);
            var next = _ready[index];
            _ready[index] = _ready[count - 1];
            _ready.RemoveAt(count - 1);
            return next;
        }
    }

    /// <summary>Blocks up to <paramref name="wait"/> of wall-clock time for work to arrive from another thread.</summary>
    public bool WaitForWork(TimeSpan wait)
    {
        _arrived.Reset();
        return Count > 0 || _arrived.Wait(wait);
    }
}
