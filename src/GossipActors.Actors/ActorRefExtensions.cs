using GossipActors.Actors.Internal;

namespace GossipActors.Actors;

/// <summary>Request/reply and stopping helpers on refs.</summary>
public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> from a temporary ref and completes with the first reply of
    /// type <typeparamref name="T"/>. A <see cref="Status.Failure"/> reply faults the task; no reply
    /// within <paramref name="timeout"/> (default <see cref="ActorSystemSettings.AskTimeout"/>)
    /// faults it with an <see cref="AskTimeoutException"/> naming the target and the message type.
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var system = SystemOf(target, "Ask");
        var wait = timeout ?? system.Settings.AskTimeout;
        if (wait <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), wait, "Ask timeout must be positive");
        }

        var path = target.Path;
        var messageType = message.GetType();
        var promise = new PromiseActorRef<T>(system, "ask-", reply => reply is T typed
            ? typed
            : throw new InvalidCastException(
                $"Ask to [{path}] with {messageType.FullName} got a reply of type {reply.GetType().FullName}, expected {typeof(T).FullName}"));
        promise.SetTimeout(system.Scheduler.ScheduleOnce(wait, () => promise.TryFail(new AskTimeoutException(
            $"Ask to [{path}] timed out after {wait.TotalMilliseconds:0.###} ms waiting for a reply to {messageType.FullName}"))));
        target.Tell(message, promise);
        system.PumpIfDeterministic();
        return promise.Task;
    }

    /// <summary>
    /// Sends <see cref="PoisonPill"/> and completes with true once the actor has stopped, or false
    /// if it is still running after <paramref name="timeout"/>.
    /// </summary>
    public static Task<bool> GracefulStop(this IActorRef target, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        var system = SystemOf(target, "GracefulStop");
        var subject = InternalActorRef.Require(target, "GracefulStop");
        var promise = new PromiseActorRef<bool>(system, "stop-", static reply => reply is Terminated);
        promise.SetTimeout(system.Scheduler.ScheduleOnce(timeout, () =>
        {
            if (promise.TryComplete(false))
            {
                subject.SendSystemMessage(new Unwatch(subject, promise));
            }
        }));
        subject.SendSystemMessage(new Watch(subject, promise));
        subject.Tell(PoisonPill.Instance, ActorRefs.NoSender);
        system.PumpIfDeterministic();
        return promise.Task;
    }

    /// <summary>Inside an actor: sends <paramref name="message"/> on, keeping the current message's original sender.</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        var current = ActorCell.Current
            ?? throw new InvalidOperationException("Forward can only be used inside an actor, while it processes a message");
        target.Tell(message, current.Sender);
    }

    private static ActorSystem SystemOf(IActorRef target, string operation) =>
        InternalActorRef.Resolve(target) switch
        {
            LocalActorRef local => local.Cell.System,
            _ => ActorCell.Current?.System
                ?? throw new ArgumentException($"{operation}: [{target.Path}] does not belong to a running actor system", nameof(target)),
        };
}
