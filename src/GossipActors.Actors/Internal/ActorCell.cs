using Microsoft.Extensions.Logging;

namespace GossipActors.Actors.Internal;

/// <summary>
/// The runtime half of an actor: its mailbox, behavior, children, watchers and lifecycle. Every
/// method not marked thread-safe runs on the mailbox's thread only. It is also the actor's
/// <see cref="IActorContext"/>.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    [ThreadStatic]
    private static ActorCell? t_current;

    [ThreadStatic]
    private static IActorRef? t_implicitSender;

    private readonly Props _props;
    private readonly ActorCell? _parent;
    private readonly Mailbox _mailbox;
    private ActorBase? _actor;
    private object? _currentMessage;
    private IActorRef? _currentSender;
    private Stack<Receive>? _behaviors;
    private TimerScheduler? _timers;
    private ILogger? _log;
    private long _processed;
    private long _failed;

    public ActorCell(ActorSystem system, Props props, ActorCell? parent, ActorPath path, long uid)
    {
        System = system;
        _props = props;
        _parent = parent;
        Self = new LocalActorRef(this, path, uid);
        _mailbox = new Mailbox(this, system.Dispatcher, system.Settings.Throughput);
    }

    /// <summary>The cell whose actor code runs on this thread right now, if any.</summary>
    internal static ActorCell? Current => t_current;

    /// <summary>Sender used when <c>Tell</c> is called without one: the running actor, else this thread's test actor.</summary>
    internal static IActorRef? ImplicitSender => t_current?.Self ?? t_implicitSender;

    /// <summary>Lets the TestKit make its test actor the implicit sender of a test thread.</summary>
    internal static void SetImplicitSenderForThread(IActorRef? sender) => t_implicitSender = sender;

    public LocalActorRef Self { get; }

    IActorRef IActorContext.Self => Self;

    public ActorSystem System { get; }

    public Props Props => _props;

    internal Mailbox Mailbox => _mailbox;

    public IActorRef Sender => _currentSender ?? System.DeadLetters;

    public IActorRef Parent => _parent?.Self ?? ActorRefs.Nobody;

    internal ActorCell? ParentCell => _parent;

    internal ActorBase? Actor => _actor;

    public ILogger Log => _log ??= System.LoggerFactory.CreateLogger(Self.Path.ToString());

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    internal long Processed => Volatile.Read(ref _processed);

    internal long FailedCount => Volatile.Read(ref _failed);

    internal int MailboxDepth => _mailbox.UserQueueDepth;

    /// <summary>User messages flow only to a created actor that is not failed, awaiting a task or stopping.</summary>
    internal bool CanProcessUserMessages =>
        _actor is not null && !_suspended && _awaitedTask is null && !_terminating;

    /// <summary>Starts the actor: called once right after the cell is registered with its parent.</summary>
    internal void Start() => _mailbox.PostSystem(new Create());

    /// <summary>Thread-safe: queue a user message, or dead-letter it if the actor is gone.</summary>
    internal void Post(object message, IActorRef? sender)
    {
        if (_mailbox.IsClosed)
        {
            System.RecordDeadLetter(message, sender ?? ActorRefs.NoSender, Self);
            return;
        }

        _mailbox.Post(message, sender);
    }

    internal void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        var sender = envelope.Sender;
        _currentSender = sender is null || ReferenceEquals(sender, ActorRefs.NoSender) ? System.DeadLetters : sender;
        _currentMessage = message;
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case TimerMessage timerMessage:
                    if (_timers is null || !_timers.Accept(timerMessage))
                    {
                        return;
                    }

                    _currentMessage = timerMessage.Message;
                    _currentSender = System.DeadLetters;
                    ReceiveMessage(timerMessage.Message);
                    break;
                case ReceiveTimeoutTick tick:
                    if (AcceptReceiveTimeoutTick(tick))
                    {
                        _currentMessage = Actors.ReceiveTimeout.Instance;
                        ReceiveMessage(Actors.ReceiveTimeout.Instance);
                    }

                    break;
                case PoisonPill:
                    StopSelf();
                    break;
                case Kill:
                    throw new ActorKilledException($"Kill received by [{Self.Path}]");
                case DeathWatchTerminated watched:
                    if (AcceptQueuedTerminated(watched.Actor))
                    {
                        _currentMessage = watched.Terminated;
                        ReceiveMessage(watched.Terminated);
                    }

                    break;
                default:
                    ReceiveMessage(message);
                    break;
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            _processed++;
            t_current = previous;
            if (_receiveTimeout is not null)
            {
                RestartReceiveTimeout(message);
            }
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor!;
        var handled = _behaviors is { Count: > 0 } behaviors ? behaviors.Peek()(message) : actor.Receive(message);
        if (!handled)
        {
            actor.Unhandled(message);
        }
    }

    internal void SystemInvoke(SystemMessage message)
    {
        if (_terminated)
        {
            HandleSystemMessageWhileDead(message);
            return;
        }

        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case Create:
                    CreateActor();
                    break;
                case Terminate:
                    BeginTerminate();
                    break;
                case Failed failed:
                    HandleChildFailure(failed);
                    break;
                case Recreate recreate:
                    BeginRecreate(recreate.Cause);
                    break;
                case Resume:
                    ResumeAfterFailure();
                    break;
                case ChildTerminated childTerminated:
                    HandleChildTerminated(childTerminated.Child);
                    break;
                case Watch watch:
                    AddWatcher(watch.Watcher);
                    break;
                case Unwatch unwatch:
                    RemoveWatcher(unwatch.Watcher);
                    break;
                case DeathWatchNotification notification:
                    HandleDeathWatchNotification(notification.Actor);
                    break;
                case RunContinuation continuation:
                    RunAsyncContinuation(continuation);
                    break;
                case AsyncTaskCompleted completed:
                    HandleAsyncTaskCompleted(completed.Task);
                    break;
            }
        }
        catch (Exception ex)
        {
            // Lifecycle hooks are guarded individually; reaching here is a kernel fault.
            System.LogKernelFault(ex, Self);
        }
        finally
        {
            t_current = previous;
        }
    }

    /// <summary>A dead actor answers watch requests at once so watchers always get their Terminated.</summary>
    private void HandleSystemMessageWhileDead(SystemMessage message)
    {
        switch (message)
        {
            case Watch watch:
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(Self));
                break;
            case Failed failed:
                // A child failed while we were stopping: it is being stopped along with us anyway.
                failed.Child.SendSystemMessage(new Terminate());
                break;
        }
    }

    // ---- IActorContext: behavior ----

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviors ??= new Stack<Receive>();
        _behaviors.Clear();
        _behaviors.Push(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        (_behaviors ??= new Stack<Receive>()).Push(receive);
    }

    public void UnbecomeStacked()
    {
        if (_behaviors is { Count: > 0 })
        {
            _behaviors.Pop();
        }
    }

    public IActorRef Watch(IActorRef subject)
    {
        WatchInternal(InternalActorRef.Require(subject, "Watch"));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        UnwatchInternal(InternalActorRef.Require(subject, "Unwatch"));
        return subject;
    }

    public void Stop(IActorRef actor) => StopActor(InternalActorRef.Require(actor, "Stop"));

    /// <summary>Thread-safe: stop any actor; local ones are stopped through their parent so it tracks them.</summary>
    internal static void StopActor(InternalActorRef target)
    {
        if (target is LocalActorRef { Cell.ParentCell: { } parent } local)
        {
            parent.StopChild(local);
        }
        else
        {
            target.SendSystemMessage(new Terminate());
        }
    }

    internal void StopSelf() => StopActor(Self);

    public override string ToString() => Self.Path.ToString();
}
