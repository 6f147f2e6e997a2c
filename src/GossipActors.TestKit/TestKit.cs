using GossipActors.Actors;
using GossipActors.Actors.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GossipActors.TestKit;

/// <summary>
/// Base class for actor tests. By default it builds a system on virtual time with a seeded,
/// single-threaded dispatcher: nothing runs until the test waits (an expectation, <see cref="RunUntilIdle"/>
/// or <see cref="VirtualTimeProvider.Advance"/>), and a seed replays the same interleaving.
/// Messages the test sends without a sender come from <see cref="TestActor"/>.
/// </summary>
public abstract class TestKit : IDisposable
{
    private readonly TestEnvironment _environment;
    private readonly VirtualTimeProvider? _time;
    private readonly TestProbe _testProbe;
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private int _probeCount;
    private bool _disposed;

    protected TestKit(int seed)
        : this(new TestKitOptions { Seed = seed })
    {
    }

    protected TestKit(TestKitOptions? options = null)
    {
        Options = options ?? TestKitOptions.Default;
        if (Options.Deterministic && Options.RealTime)
        {
            throw new ArgumentException("A deterministic TestKit runs on virtual time; RealTime requires Deterministic = false", nameof(options));
        }

        _time = Options.RealTime ? null : new VirtualTimeProvider(Options.StartTime);
        var dispatcher = Options.Deterministic ? new DeterministicDispatcher(Options.Seed) : null;
        if (dispatcher is not null)
        {
            dispatcher.IdleWork = _time!.FireNextDue;
            _time.Quiesce = dispatcher.RunUntilIdle;
        }

        ILoggerFactory loggerFactory = NullLoggerFactory.Instance;
        if (Options.Output is { } output)
        {
            _ownedLoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder
                .SetMinimumLevel(Options.MinimumLogLevel)
                .AddProvider(new TestOutputLoggerProvider(output, (TimeProvider?)_time ?? TimeProvider.System, Options.MinimumLogLevel)));
            loggerFactory = _ownedLoggerFactory;
        }

        var settings = new ActorSystemSettings
        {
            TimeProvider = (TimeProvider?)_time ?? TimeProvider.System,
            Dispatcher = dispatcher,
            LoggerFactory = loggerFactory,
        };
        if (Options.ConfigureSettings is { } configure)
        {
            settings = configure(settings);
        }

        Sys = ActorSystem.Create(Options.SystemName, settings);
        _environment = new TestEnvironment(Sys, _time, dispatcher, Options.DefaultTimeout);
        _testProbe = new TestProbe(_environment, "testActor");
        ActorCell.SetImplicitSenderForThread(_testProbe.Ref);
    }

    public TestKitOptions Options { get; }

    public ActorSystem Sys { get; }

    /// <summary>The virtual clock of <see cref="Sys"/>; advancing it fires due timers in order.</summary>
    public VirtualTimeProvider Time =>
        _time ?? throw new InvalidOperationException("This TestKit runs on the real clock (TestKitOptions.RealTime); there is no virtual time to advance");

    /// <summary>The deterministic dispatcher, or null when the thread pool runs the actors.</summary>
    public DeterministicDispatcher? Dispatcher => _environment.Dispatcher;

    /// <summary>The test's own probe: the implicit sender of messages the test sends.</summary>
    public IActorRef TestActor => _testProbe.Ref;

    public IActorRef LastSender => _testProbe.LastSender;

    public object? LastMessage => _testProbe.LastMessage;

    /// <summary>Creates another probe under <c>/system</c>.</summary>
    public TestProbe CreateTestProbe(string? name = null)
    {
        var number = Interlocked.Increment(ref _probeCount);
        return new TestProbe(_environment, name ?? $"testProbe{number}");
    }

    /// <summary>Deterministic mode: runs every ready actor and every timer due now until nothing is left.</summary>
    public void RunUntilIdle()
    {
        ClaimThread();
        _environment.Pump();
    }

    /// <summary>
    /// Waits for <paramref name="task"/> (for example an Ask): runs the system and moves virtual
    /// time up to <paramref name="max"/> as needed, then returns its result or rethrows its exception.
    /// </summary>
    public T AwaitResult<T>(Task<T> task, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ClaimThread();
        var wait = _environment.RemainingOrDefault(max);
        if (!_environment.WaitFor(() => task.IsCompleted, wait))
        {
            Assert.Fail($"Task did not complete within {TestEnvironment.Format(wait)} ({_environment.ClockName})");
        }

        return task.GetAwaiter().GetResult();
    }

    public void Reply(object message)
    {
        ClaimThread();
        _testProbe.Reply(message);
    }

    public IActorRef Watch(IActorRef subject)
    {
        ClaimThread();
        return _testProbe.Watch(subject);
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ClaimThread();
        return _testProbe.Unwatch(subject);
    }

    public T ExpectMsg<T>(Predicate<T>? predicate = null, TimeSpan? timeout = null)
    {
        ClaimThread();
        return _testProbe.ExpectMsg(predicate, timeout);
    }

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        ClaimThread();
        return _testProbe.ExpectMsg(expected, timeout);
    }

    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        ClaimThread();
        _testProbe.ExpectNoMsg(duration);
    }

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null)
    {
        ClaimThread();
        return _testProbe.ExpectTerminated(target, timeout);
    }

    public object FishForMessage(Predicate<object> isTheOne, TimeSpan? max = null, string hint = "")
    {
        ClaimThread();
        return _testProbe.FishForMessage(isTheOne, max, hint);
    }

    public T FishForMessage<T>(Predicate<T> isTheOne, TimeSpan? max = null, string hint = "")
    {
        ClaimThread();
        return _testProbe.FishForMessage(isTheOne, max, hint);
    }

    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? max = null)
    {
        ClaimThread();
        return _testProbe.ReceiveN(count, max);
    }

    public object ReceiveOne(TimeSpan? timeout = null)
    {
        ClaimThread();
        return _testProbe.ReceiveOne(timeout);
    }

    public void Within(TimeSpan max, Action body)
    {
        ClaimThread();
        _testProbe.Within(max, body);
    }

    public T Within<T>(TimeSpan max, Func<T> body)
    {
        ClaimThread();
        return _testProbe.Within(max, body);
    }

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> body)
    {
        ClaimThread();
        return _testProbe.Within(min, max, body);
    }

    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ClaimThread();
        _testProbe.AwaitAssert(assertion, duration, interval);
    }

    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, string? message = null)
    {
        ClaimThread();
        _testProbe.AwaitCondition(condition, max, message);
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the system (running it to the end in deterministic mode).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
        {
            return;
        }

        _disposed = true;
        var terminated = Sys.Terminate();
        if (!_environment.Deterministic)
        {
            terminated.Wait(TimeSpan.FromSeconds(10));
        }

        ActorCell.SetImplicitSenderForThread(null);
        _ownedLoggerFactory?.Dispose();
    }

    /// <summary>Async tests may resume on another thread: re-establish the implicit sender there.</summary>
    private void ClaimThread() => ActorCell.SetImplicitSenderForThread(_testProbe.Ref);
}
