using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Dispatch;
using GossipActors.Akka.Scheduling;

namespace GossipActors.Akka.Loop;

/// <summary>
/// One thread that runs queued work and due timers in turn, and sleeps, without spinning, until the next is due or
/// something is queued from another thread. It is the gossip stage of a node, as Cassandra's gossip runs on one
/// thread: the gossip tree's mailboxes (<see cref="EventLoopExecutorConfigurator"/>) and every Akka timer
/// (<see cref="TimeProviderScheduler"/> over this <see cref="TimeProvider"/>) run here.
/// Why: on the thread pool an idle node's every timer was the .NET timer thread waking a worker, which woke a second
/// worker in case more work followed, while the actor the timer told was run by a third; a message from one idle
/// actor to another woke yet another. Here a timer due, or a message between two actors of the loop, wakes nobody;
/// only work from another thread (a socket, the thread pool) wakes the loop, once for all it queued
/// (docs/performance.md, "Idle cost of a node").
/// Timers do not capture the caller's execution context. Work must not block: everything on the loop waits for it.
/// </summary>
public sealed class EventLoop : TimeProvider, IDisposable
{
    private const long Running = -1;
    private readonly ConcurrentQueue<IRunnable> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false, 0);
    private readonly Lock _timersGate = new();
    private readonly PriorityQueue<(LoopTimer Timer, long Version), long> _timers = new();
    private readonly List<(LoopTimer Timer, long Version)> _due = [];
    private readonly Thread _thread;

    // The timestamp the sleeping loop will wake at by itself (Running while it is awake): a timer armed from another
    // thread for earlier than that must wake it. Guarded by _timersGate.
    private long _sleepsUntil = Running;

    // Queue entries of timers changed or disposed since they were queued; they leave the queue only when they come to
    // its top, so a timer re-armed far ahead many times (a receive timeout, a backoff) would pile them up. Guarded by
    // _timersGate.
    private int _staleEntries;

    // 1 while the loop has decided to sleep: whoever queues work then wakes it (and only that one, by the exchange).
    private int _asleep;
    private volatile bool _stopping;

    /// <summary>Starts the loop's thread, named <paramref name="name"/> (the last 15 characters: Linux's limit).</summary>
    public EventLoop(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _thread = new Thread(Run) { IsBackground = true, Name = name.Length <= 15 ? name : name[^15..] };
        _thread.Start();
    }

    /// <summary>The loop that fires <paramref name="scheduler"/>'s timers, when it is a <see cref="TimeProviderScheduler"/> on one.</summary>
    public static EventLoop? Of(global::Akka.Actor.IScheduler scheduler) => scheduler is TimeProviderScheduler { Time: EventLoop loop } ? loop : null;

    /// <summary>Whether the caller is running on the loop's thread.</summary>
    public bool IsLoopThread => Thread.CurrentThread == _thread;

    /// <summary>Whether the loop is sleeping (or about to): work queued now wakes it.</summary>
    internal bool IsAsleep => Volatile.Read(ref _asleep) == 1;

    /// <summary>Entries in the timer queue, live or stale (for tests: stale ones must not pile up).</summary>
    internal int QueuedTimerEntries
    {
        get
        {
            lock (_timersGate)
            {
                return _timers.Count;
            }
        }
    }

    /// <summary>Timers armed and not yet fired, changed or disposed (periodic ones count while they repeat).</summary>
    internal int ArmedTimerCount
    {
        get
        {
            lock (_timersGate)
            {
                return _timers.UnorderedItems.Count(entry => entry.Element.Timer.IsArmedAs(entry.Element.Version));
            }
        }
    }

    /// <summary>Queues <paramref name="work"/> to run on the loop after what is queued already.</summary>
    /// <exception cref="RejectedExecutionException">The loop is disposed.</exception>
    public void Execute(IRunnable work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_stopping)
        {
            throw new RejectedExecutionException($"event loop {_thread.Name} is stopped");
        }

        _queue.Enqueue(work);

        // Full fences on both sides (this exchange, the loop's own before its last look at the queue): either the loop
        // sees this work before it sleeps, or this sees it asleep and wakes it.
        if (Interlocked.CompareExchange(ref _asleep, 0, 1) == 1)
        {
            _wake.Set();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new LoopTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Stops the loop once the work queued by now has run; timers do not fire any more.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        if (!IsLoopThread)
        {
            _thread.Join();
        }
    }

    /// <summary>
    /// Queues <paramref name="timer"/>'s entry of <paramref name="version"/>, due at <paramref name="dueTicks"/>; true
    /// when the sleeping loop must be woken (<see cref="Wake"/>, outside the gate) to fire it. Under the gate.
    /// </summary>
    internal bool EnqueueLocked(LoopTimer timer, long version, long dueTicks)
    {
        if (_staleEntries > 256 && _staleEntries > _timers.Count / 2)
        {
            DropStaleEntries();
        }

        _timers.Enqueue((timer, version), dueTicks);
        if (_sleepsUntil == Running || dueTicks >= _sleepsUntil)
        {
            return false;
        }

        _sleepsUntil = dueTicks;
        return true;
    }

    internal void Wake() => _wake.Set();

    internal Lock TimersGate => _timersGate;

    /// <summary>A timer's queued entry was superseded (changed or disposed while armed). Under the gate.</summary>
    internal void EntrySuperseded() => _staleEntries++;

    private void DropStaleEntries()
    {
        var live = _timers.UnorderedItems.Where(entry => entry.Element.Timer.IsArmedAs(entry.Element.Version)).ToList();
        _timers.Clear();
        _timers.EnqueueRange(live);
        _staleEntries = 0;
    }

    private void Run()
    {
        while (true)
        {
            _wake.Reset();
            while (_queue.TryDequeue(out var work))
            {
                work.Run();
            }

            if (_stopping)
            {
                return;
            }

            FireDueTimers();
            if (!_queue.IsEmpty)
            {
                continue;
            }

            int waitMs;
            lock (_timersGate)
            {
                var next = NextDue();
                _sleepsUntil = next;
                waitMs = WaitMs(next);
            }

            Interlocked.Exchange(ref _asleep, 1);
            if (_queue.IsEmpty && !_stopping && waitMs != 0)
            {
                _wake.Wait(waitMs);
            }

            Interlocked.Exchange(ref _asleep, 0);
            lock (_timersGate)
            {
                _sleepsUntil = Running;
            }
        }
    }

    private void FireDueTimers()
    {
        var now = GetTimestamp();
        lock (_timersGate)
        {
            while (_timers.TryPeek(out var entry, out var due) && due <= now)
            {
                _timers.Dequeue();
                if (!entry.Timer.IsArmedAs(entry.Version))
                {
                    _staleEntries--;
                    continue;
                }

                _due.Add(entry);
                if (entry.Timer.TakeDue(due, now) is { } next)
                {
                    _timers.Enqueue(entry, next);
                }
            }
        }

        // Outside the gate: a callback may arm or dispose timers. One changed or disposed by an earlier callback of
        // this same round does not fire.
        foreach (var (timer, version) in _due)
        {
            timer.FireIfStill(version);
        }

        _due.Clear();
    }

    // The earliest live entry's due time; stale entries (timers changed or disposed since) are dropped on the way.
    private long NextDue()
    {
        while (_timers.TryPeek(out var entry, out var due))
        {
            if (entry.Timer.IsArmedAs(entry.Version))
            {
                return due;
            }

            _timers.Dequeue();
            _staleEntries--;
        }

        return long.MaxValue;
    }

    // Rounded up, so the loop never wakes just before a timer and goes round again for nothing.
    private int WaitMs(long next)
    {
        if (next == long.MaxValue)
        {
            return Timeout.Infinite;
        }

        var ticks = next - GetTimestamp();
        if (ticks <= 0)
        {
            return 0;
        }

        var ms = (ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency;
        return (int)Math.Min(ms, int.MaxValue - 1);
    }
}
