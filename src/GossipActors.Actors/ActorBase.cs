using GossipActors.Actors.Internal;
using Microsoft.Extensions.Logging;

namespace GossipActors.Actors;

/// <summary>
/// Base of every actor. Instances are made by the kernel from <see cref="Props"/> (never with
/// <c>new</c> elsewhere) and see one message at a time.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.Current
            ?? throw new InvalidOperationException(
                $"Actor {GetType().Name} must be created by the kernel: use Props.Create(() => new {GetType().Name}(...)) with ActorOf");
    }

    internal ActorCell Cell => _cell;

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell.Self;

    /// <summary>Sender of the message being processed; dead letters when there was none.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>Keyed timers that deliver messages to this actor; cancelled on restart and stop.</summary>
    protected ITimerScheduler Timers => _cell.Timers;

    protected ILogger Log => _cell.Log;

    /// <summary>The initial behavior: return false for messages it does not handle.</summary>
    protected internal abstract bool Receive(object message);

    /// <summary>
    /// Called for messages no behavior handled. A <see cref="Terminated"/> nobody handled throws
    /// <see cref="DeathPactException"/> (the watcher stops by default); anything else is published
    /// as <see cref="UnhandledMessage"/>.
    /// </summary>
    protected internal virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException(terminated.ActorRef);
        }

        _cell.System.PublishUnhandled(message, _cell.Sender, _cell.Self);
    }

    protected internal virtual void PreStart()
    {
    }

    protected internal virtual void PostStop()
    {
    }

    /// <summary>Before the old instance is dropped. The default stops all children and calls <see cref="PostStop"/>.</summary>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>On the new instance after a restart. The default calls <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; read once per incarnation.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.DefaultStrategy;

    /// <summary>Hook for base classes that finish setting up once the constructor chain has run.</summary>
    internal virtual void OnConstructed()
    {
    }
}
