using Microsoft.Extensions.Logging;

namespace GossipActors.Actors;

/// <summary>A behavior: returns false when it does not handle the message.</summary>
public delegate bool Receive(object message);

/// <summary>
/// The actor's view of the kernel. Only valid on the actor's own thread, inside a handler or a
/// lifecycle hook; do not capture it in other threads.
/// </summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>Sender of the message being processed; dead letters when there was none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor; <see cref="ActorRefs.Nobody"/> for the guardians.</summary>
    IActorRef Parent { get; }

    IEnumerable<IActorRef> Children { get; }

    ActorSystem System { get; }

    /// <summary>A logger whose category is this actor's path.</summary>
    ILogger Log { get; }

    Props Props { get; }

    /// <summary>The child with that name, or <see cref="ActorRefs.Nobody"/>.</summary>
    IActorRef Child(string name);

    /// <summary>Creates a child; <paramref name="name"/> null generates <c>$a</c>, <c>$b</c>, ...</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child or this actor, children first. Asynchronous: Terminated tells when it is done.</summary>
    void Stop(IActorRef actor);

    /// <summary>Receive <see cref="Terminated"/> once when <paramref name="subject"/> stops (at once if already dead).</summary>
    IActorRef Watch(IActorRef subject);

    IActorRef Unwatch(IActorRef subject);

    /// <summary>Replaces the current behavior.</summary>
    void Become(Receive receive);

    /// <summary>Pushes a behavior; <see cref="UnbecomeStacked"/> returns to the previous one.</summary>
    void BecomeStacked(Receive receive);

    void UnbecomeStacked();

    /// <summary>Current receive timeout, or null when off.</summary>
    TimeSpan? ReceiveTimeout { get; }

    /// <summary>Send <see cref="Actors.ReceiveTimeout"/> after this much quiet; null turns it off.</summary>
    void SetReceiveTimeout(TimeSpan? timeout);
}
