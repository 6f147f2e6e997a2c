using System.Diagnostics;
using GossipActors.Actors;

namespace GossipActors.TestKit;

/// <summary>
/// What "waiting" means for one TestKit: in deterministic mode, running the dispatcher and moving
/// virtual time; otherwise, blocking on the wall clock under a deadline.
/// </summary>
internal sealed class TestEnvironment
{
    private readonly Stopwatch _wallClock = Stopwatch.StartNew();
    private readonly Stack<TimeSpan> _withinDeadlines = new();

    public TestEnvironment(ActorSystem system, VirtualTimeProvider? time, DeterministicDispatcher? dispatcher, TimeSpan defaultTimeout)
    {
        System = system;
        Time = time;
        Dispatcher = dispatcher;
        DefaultTimeout = defaultTimeout;
    }

    public ActorSystem System { get; }

    public VirtualTimeProvider? Time { get; }

    public DeterministicDispatcher? Dispatcher { get; }

    public bool Deterministic => Dispatcher is not null;

    public TimeSpan DefaultTimeout { get; }

    /// <summary>The clock expectations are measured on: virtual when deterministic, else the wall clock.</summary>
    public TimeSpan Now => Deterministic ? Time!.Elapsed : _wallClock.Elapsed;

    public string ClockName => Deterministic ? "virtual" : "wall-clock";

    public void Pump() => Dispatcher?.RunUntilIdle();

    /// <summary>The timeout to use: the given one, else what is left of the innermost Within, else the default.</summary>
    public TimeSpan RemainingOrDefault(TimeSpan? timeout)
    {
        if (timeout is { } given)
        {
            return given;
        }

        if (_withinDeadlines.Count > 0)
        {
            var left = _withinDeadlines.Peek() - Now;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return DefaultTimeout;
    }

    /// <summary>
    /// True once <paramref name="condition"/> holds within <paramref name="timeout"/>. Deterministic:
    /// run until idle, then advance virtual time timer by timer up to the deadline. Otherwise poll,
    /// waking on <paramref name="signal"/> when given.
    /// </summary>
    public bool WaitFor(Func<bool> condition, TimeSpan timeout, SemaphoreSlim? signal = null, TimeSpan? pollInterval = null)
    {
        if (Deterministic)
        {
            Pump();
            if (condition())
            {
                return true;
            }

            var time = Time!;
            var deadline = time.Elapsed + timeout;
            while (time.NextDue is { } due && due - time.GetUtcNow() + time.Elapsed <= deadline)
            {
                time.Advance(due - time.GetUtcNow());
                if (condition())
                {
                    return true;
                }
            }

            if (deadline > time.Elapsed)
            {
                time.Advance(deadline - time.Elapsed);
            }

            return condition();
        }

        var end = _wallClock.Elapsed + timeout;
        var interval = pollInterval ?? TimeSpan.FromMilliseconds(20);
        while (true)
        {
            if (condition())
            {
                return true;
            }

            var left = end - _wallClock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            var nap = left < interval ? left : interval;
            if (signal is not null)
            {
                signal.Wait(nap);
            }
            else
            {
                using var never = new ManualResetEventSlim();
                never.Wait(nap);
            }
        }
    }

    /// <summary>Lets time pass: virtual time advances (firing timers); real time is waited out.</summary>
    public void Pass(TimeSpan duration, SemaphoreSlim? signal = null)
    {
        if (Deterministic)
        {
            Time!.Advance(duration);
            return;
        }

        WaitFor(static () => false, duration, signal);
    }

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> body)
    {
        var start = Now;
        _withinDeadlines.Push(start + max);
        T result;
        try
        {
            result = body();
        }
        finally
        {
            _withinDeadlines.Pop();
        }

        var took = Now - start;
        if (took < min || took > max)
        {
            Xunit.Assert.Fail($"Within block took {Format(took)} ({ClockName}), expected between {Format(min)} and {Format(max)}");
        }

        return result;
    }

    public static string Format(TimeSpan span) => span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.###} s" : $"{span.TotalMilliseconds:0.###} ms";
}
