using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;

namespace GossipActors.TestKit;

/// <summary>
/// One virtual clock and one seeded run queue shared by any number of ActorSystems, so a whole cluster runs
/// inside one test on the test's thread: nothing on <see cref="DispatcherId"/> runs until the test pumps
/// (<see cref="RunUntilIdle"/>, <see cref="WaitFor"/>, <see cref="VirtualClock.Advance"/>), and the same seed
/// replays the same interleaving. Akka's own actors (guardians, loggers) keep to the thread pool; see
/// <see cref="RunUntilIdle"/> for how the world waits for them.
/// </summary>
public sealed class DeterministicWorld : IDisposable
{
    /// <summary>The dispatcher every deterministic Props must name; Akka children do not inherit their parent's.</summary>
    public const string DispatcherId = "gossip.dispatcher";

    private static readonly ConcurrentDictionary<string, DeterministicWorld> Live = new();
    private static int _worlds;

    private readonly Lock _pumpGate = new();
    private readonly Lock _systemsGate = new();
    private readonly RunQueue _queue;
    private readonly List<ActorSystem> _systems = [];
    private int _pumpingThread;
    private long _executed;
    private bool _disposed;

    public DeterministicWorld(int seed = 0, DateTimeOffset? start = null)
    {
        Seed = seed;
        Id = string.Create(CultureInfo.InvariantCulture, $"world-{Interlocked.Increment(ref _worlds)}-seed-{seed}");
        Time = new VirtualClock(start) { Settle = RunUntilIdle };
        _queue = new RunQueue(seed);
        Config = ConfigurationFactory.ParseString($$"""
            gossip-testkit {
              world = "{{Id}}"
              dispatcher {
                type = "{{TypeName<DeterministicDispatcherConfigurator>()}}"
                # One message per turn, so the seed chooses between actors at every message.
                throughput = 1
              }
            }
            gossip.dispatcher = "gossip-testkit.dispatcher"
            """);
        Config = VirtualSchedulerConfig.WithFallback(Config);
        Live[Id] = this;
    }

    public int Seed { get; }

    public string Id { get; }

    public VirtualClock Time { get; }

    /// <summary>
    /// What makes a system part of this world: the virtual scheduler, this world's id, and <see cref="DispatcherId"/>
    /// as the deterministic dispatcher. <see cref="CreateSystem"/> puts it under the caller's configuration.
    /// </summary>
    public Config Config { get; }

    /// <summary>The scheduler on virtual time, which <see cref="CreateSystem"/> puts over any configuration it is given.</summary>
    private static Config VirtualSchedulerConfig { get; } = ConfigurationFactory.ParseString($"akka.scheduler.implementation = \"{TypeName<VirtualScheduler>()}\"");

    /// <summary>
    /// How long an idle world waits on the wall clock for work from Akka's own threads before it concludes
    /// that nothing more will happen and moves virtual time to a deadline.
    /// </summary>
    public TimeSpan IdleGrace { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The longest a wait for a task keeps virtual time still while the thread pool still has queued work: a loaded
    /// machine can take longer than <see cref="IdleGrace"/> to start the continuation that completes the task.
    /// </summary>
    public TimeSpan PoolDrainLimit { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Guards against actors that message each other forever: one pump fails after this many runs.</summary>
    public long MaxRunsPerPump { get; set; } = 10_000_000;

    /// <summary>Work items (mailbox runs) executed so far.</summary>
    public long Executed => Interlocked.Read(ref _executed);

    public IReadOnlyList<ActorSystem> Systems
    {
        get
        {
            lock (_systemsGate)
            {
                return [.. _systems];
            }
        }
    }

    /// <summary>
    /// Creates a system on this world's clock and run queue; <paramref name="config"/> wins over the world's, except
    /// for the scheduler: a system of a world runs on its virtual time even when <paramref name="config"/> carries
    /// reference.conf's <c>akka</c> section, which names the production scheduler.
    /// </summary>
    public ActorSystem CreateSystem(string name, Config? config = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var system = ActorSystem.Create(name, config is null ? Config : VirtualSchedulerConfig.WithFallback(config).WithFallback(Config));
        lock (_systemsGate)
        {
            _systems.Add(system);
        }

        return system;
    }

    /// <summary>
    /// Creates a top-level actor on <see cref="DispatcherId"/> (unless <paramref name="props"/> names a dispatcher)
    /// and returns once Akka's guardian has started it.
    /// </summary>
    public IActorRef ActorOf(ActorSystem system, Props props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(props);
        if (props.Dispatcher == Dispatchers.DefaultDispatcherId)
        {
            props = props.WithDispatcher(DispatcherId);
        }

        var actor = system.ActorOf(props, name);
        AwaitStarted(actor);
        return actor;
    }

    /// <summary>
    /// Runs ready work and every timer due now until nothing is left, on the calling thread. A call from inside
    /// a pump returns at once; a second thread waits for the first.
    /// </summary>
    /// <remarks>
    /// Top-level actors are started by Akka's guardian on the thread pool, and only then does their first work
    /// reach the queue; so the pump first waits until every top-level actor of every system has started.
    /// </remarks>
    public void RunUntilIdle()
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
                AwaitTopLevelActors();
                long runs = 0;
                do
                {
                    while (_queue.TakeNext() is { } next)
                    {
                        if (++runs > MaxRunsPerPump)
                        {
                            throw new InvalidOperationException(
                                $"World {Id} did not become idle after {MaxRunsPerPump} runs: actors are probably messaging each other in an endless loop");
                        }

                        Interlocked.Increment(ref _executed);
                        next.Run();
                    }
                }
                while (Time.FireNextDue());
            }
            finally
            {
                _pumpingThread = 0;
            }
        }
    }

    /// <summary>
    /// True once <paramref name="condition"/> holds, checked after each pump: first now, then at each timer's due
    /// time up to <paramref name="timeout"/> of virtual time; if it never holds, time ends at the deadline.
    /// </summary>
    public bool WaitFor(Func<bool> condition, TimeSpan timeout) => WaitFor(condition, timeout, awaited: null);

    /// <summary>Pumps and moves virtual time (up to <paramref name="timeout"/>) until <paramref name="task"/> completes.</summary>
    /// <exception cref="TimeoutException">The task did not complete in time.</exception>
    public T AwaitResult<T>(Task<T> task, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!WaitFor(() => task.IsCompleted, timeout, task))
        {
            throw new TimeoutException($"The task did not complete within {timeout} of virtual time ({Id})");
        }

        return task.GetAwaiter().GetResult();
    }

    /// <summary>Terminates <paramref name="system"/>, pumping until Akka reports it terminated.</summary>
    public void Terminate(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        TerminateAll([system]);
    }

    /// <summary>Terminates every system of the world and retires the world's id.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        TerminateAll(Systems);
        _disposed = true;
        Live.TryRemove(Id, out _);
    }

    public override string ToString() => $"{Id} at {Time.Elapsed} virtual, {Executed} runs";

    internal static DeterministicWorld? Find(Config config)
    {
        var id = config.GetString("gossip-testkit.world", null);
        return id is not null && Live.TryGetValue(id, out var world) ? world : null;
    }

    internal void Enqueue(IRunnable run) => _queue.Add(run);

    private bool WaitFor(Func<bool> condition, TimeSpan timeout, Task? awaited)
    {
        ArgumentNullException.ThrowIfNull(condition);
        RunUntilIdle();
        if (condition())
        {
            return true;
        }

        var deadline = Time.Elapsed + timeout;
        while (true)
        {
            // A task's last step often runs on the thread pool (an awaited Ask, ConfigureAwait(false)): let it
            // finish before time moves on, or the world would be later than the task's own code saw it.
            if (awaited is not null && CompletesBeforeTimeMoves(awaited))
            {
                return condition();
            }

            if (Time.NextDue is { } due && due <= deadline)
            {
                Time.AdvanceTo(due);
            }
            else if (AwaitForeignWork(condition))
            {
                RunUntilIdle();
            }
            else
            {
                break;
            }

            if (condition())
            {
                return true;
            }
        }

        Time.AdvanceTo(deadline);
        return condition();
    }

    /// <summary>
    /// Whether <paramref name="awaited"/> completes within <see cref="IdleGrace"/>, or later while the thread pool still
    /// has queued work (up to <see cref="PoolDrainLimit"/>): its continuation may be in that queue.
    /// </summary>
    private bool CompletesBeforeTimeMoves(Task awaited)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (Task.WaitAny([awaited], IdleGrace) == 0)
            {
                return true;
            }

            if (ThreadPool.PendingWorkItemCount == 0 || waited.Elapsed >= PoolDrainLimit)
            {
                return false;
            }
        }
    }

    /// <summary>With nothing left before the deadline, gives Akka's threads <see cref="IdleGrace"/> to hand over work.</summary>
    private bool AwaitForeignWork(Func<bool> condition)
    {
        var grace = Stopwatch.StartNew();
        while (grace.Elapsed < IdleGrace)
        {
            if (condition() || _queue.WaitForWork(TimeSpan.FromMilliseconds(1)))
            {
                return true;
            }
        }

        return false;
    }

    private void AwaitTopLevelActors()
    {
        foreach (var system in Systems)
        {
            // A guardian that is shutting down ignores new children, which then never start.
            if (system is not ExtendedActorSystem extended || CoordinatedShutdown.Get(system).ShutdownReason is not null)
            {
                continue;
            }

            foreach (var guardian in new[] { extended.Guardian, extended.SystemGuardian })
            {
                if (guardian is ActorRefWithCell cell)
                {
                    foreach (var child in cell.Children)
                    {
                        AwaitStarted(child);
                    }
                }
            }
        }
    }

    private static void AwaitStarted(IActorRef actor)
    {
        if (actor is IRepointableRef repointable && !SpinWait.SpinUntil(() => repointable.IsStarted, TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"Akka's guardian did not start {actor.Path} within 10 s");
        }
    }

    private void TerminateAll(IReadOnlyList<ActorSystem> systems)
    {
        var terminated = Task.WhenAll(systems.Select(system => system.Terminate()));
        var wall = Stopwatch.StartNew();
        // Termination travels through Akka's guardians on the thread pool and through our actors in the queue.
        while (!terminated.IsCompleted && wall.Elapsed < TimeSpan.FromSeconds(10))
        {
            RunUntilIdle();
            _queue.WaitForWork(TimeSpan.FromMilliseconds(1));
        }

        lock (_systemsGate)
        {
            _systems.RemoveAll(system => system.WhenTerminated.IsCompleted);
        }
    }

    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
