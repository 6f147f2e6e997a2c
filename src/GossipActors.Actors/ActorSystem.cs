using GossipActors.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace GossipActors.Actors;

/// <summary>
/// A named tree of actors with its dispatcher, clock, scheduler, event stream and dead letters.
/// User actors live under <c>/user</c>, infrastructure under <c>/system</c>.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private readonly TimeProviderScheduler _scheduler;
    private readonly ILogger _deadLetterLog;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextUid;
    private long _nextTempNumber;
    private long _deadLetterCount;
    private int _terminateRequested;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        Dispatcher = settings.Dispatcher ?? ThreadPoolDispatcher.Instance;
        LoggerFactory = settings.LoggerFactory;
        Log = LoggerFactory.CreateLogger("GossipActors.Actors.ActorSystem");
        _deadLetterLog = LoggerFactory.CreateLogger("GossipActors.Actors.DeadLetters");
        RootPath = ActorPath.CreateRoot(name);
        DeadLetters = new DeadLetterActorRef(this, RootPath / "deadLetters");
        EventStream = new EventStream(this);
        _scheduler = new TimeProviderScheduler(this);
        _userGuardian = NewGuardian("user", settings.GuardianSupervisorStrategy);
        _systemGuardian = NewGuardian("system", SupervisorStrategy.DefaultStrategy);
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public TimeProvider TimeProvider => Settings.TimeProvider;

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The system's own logger (category <c>GossipActors.Actors.ActorSystem</c>).</summary>
    public ILogger Log { get; }

    public Dispatcher Dispatcher { get; }

    public IScheduler Scheduler => _scheduler;

    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; telling it records a dead letter.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Dead letters recorded since the system started.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    /// <summary>Completes when <see cref="Terminate"/> has stopped every actor.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal ActorPath RootPath { get; }

    /// <summary>Creates a system. Its name must be ASCII letters, digits, '-' or '_'.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Invalid actor system name [{name}]: use ASCII letters, digits, '-' and '_'", nameof(name));
        }

        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>. Thread-safe.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.ActorOf(props, name);

    /// <summary>Creates an infrastructure actor under <c>/system</c>. Thread-safe.</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.ActorOf(props, name);

    /// <summary>Stops an actor and its children asynchronously. Thread-safe; stopping a dead actor does nothing.</summary>
    public void Stop(IActorRef actor) => ActorCell.StopActor(InternalActorRef.Require(actor, "Stop"));

    /// <summary>Stops all user actors (children first), then the system actors; returns <see cref="WhenTerminated"/>.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            Log.LogInformation("Actor system [{System}] terminating", Name);
            _userGuardian.Mailbox.PostSystem(new Terminate());
        }

        PumpIfDeterministic();
        return WhenTerminated;
    }

    /// <summary>Starts <see cref="Terminate"/> without waiting.</summary>
    public void Dispose() => Terminate();

    /// <summary>A consistent-enough snapshot of every live actor's counters, parents before children.</summary>
    public IReadOnlyList<ActorStats> GetActorStats()
    {
        var result = new List<ActorStats>();
        Collect(_userGuardian, result);
        Collect(_systemGuardian, result);
        return result;

        static void Collect(ActorCell cell, List<ActorStats> into)
        {
            if (cell.IsTerminated)
            {
                return;
            }

            into.Add(new ActorStats(cell.Self.Path.ToString(), cell.Props.ActorType.Name, cell.MailboxDepth, cell.Processed, cell.FailedCount));
            foreach (var child in cell.ChildrenSnapshot())
            {
                Collect(child.Cell, into);
            }
        }
    }

    public override string ToString() => $"ActorSystem({Name})";

    internal long NextUid() => Interlocked.Increment(ref _nextUid);

    internal ActorPath NextTempPath(string prefix) =>
        RootPath / "temp" / (prefix + Interlocked.Increment(ref _nextTempNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Outside callers (Ask, Terminate) let a deterministic dispatcher run, unless they are actors themselves.</summary>
    internal void PumpIfDeterministic()
    {
        if (Dispatcher.IsDeterministic && ActorCell.Current is null)
        {
            Dispatcher.RunUntilIdle();
        }
    }

    internal void RecordDeadLetter(object message, IActorRef sender, IActorRef recipient)
    {
        if (message is TimerMessage or ReceiveTimeoutTick or DeathWatchTerminated)
        {
            // The kernel's own bookkeeping racing with a stop: nobody lost anything.
            return;
        }

        Interlocked.Increment(ref _deadLetterCount);
        if (message is DeadLetter)
        {
            // A dead-letter notice that could not reach a subscriber that just stopped: publishing
            // it again would only loop.
            return;
        }

        if (Settings.LogDeadLetters && _deadLetterLog.IsEnabled(LogLevel.Debug))
        {
            _deadLetterLog.LogDebug(
                "Dead letter: {MessageType} from [{Sender}] to [{Recipient}] was not delivered",
                message.GetType().Name,
                sender.Path,
                recipient.Path);
        }

        EventStream.Publish(new DeadLetter(message, sender, recipient));
    }

    internal void PublishUnhandled(object message, IActorRef sender, IActorRef recipient)
    {
        if (Log.IsEnabled(LogLevel.Debug))
        {
            Log.LogDebug("Unhandled: {MessageType} from [{Sender}] to [{Recipient}]", message.GetType().Name, sender.Path, recipient.Path);
        }

        EventStream.Publish(new UnhandledMessage(message, sender, recipient));
    }

    internal void LogKernelFault(Exception ex, IActorRef actor) =>
        Log.LogError(ex, "Kernel fault while running [{Path}]; the actor continues", actor.Path);

    internal void LogSchedulerFault(Exception ex) => Log.LogError(ex, "A scheduled action threw");

    internal void LogSubscriberFault(Exception ex, Type eventType) =>
        Log.LogError(ex, "An event stream subscriber threw on {EventType}", eventType.Name);

    internal void OnGuardianTerminated(ActorCell guardian)
    {
        if (ReferenceEquals(guardian, _userGuardian))
        {
            _systemGuardian.Mailbox.PostSystem(new Terminate());
            return;
        }

        _scheduler.Shutdown();
        Log.LogInformation("Actor system [{System}] terminated; {DeadLetters} dead letters", Name, DeadLetterCount);
        _terminated.TrySetResult();
    }

    private ActorCell NewGuardian(string name, SupervisorStrategy strategy)
    {
        var cell = new ActorCell(this, Props.Create(static () => new GuardianActor()).WithSupervisorStrategy(strategy), null, RootPath / name, NextUid());
        cell.Start();
        return cell;
    }
}
