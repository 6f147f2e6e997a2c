namespace GossipActors.Actors;

/// <summary>
/// An address to send messages to. Refs are cheap, thread-safe and stay valid after the actor
/// stops (messages then go to dead letters). Two refs are equal when they have the same path and
/// point at the same incarnation of the actor.
/// </summary>
public interface IActorRef : IEquatable<IActorRef>
{
    ActorPath Path { get; }

    /// <summary>
    /// Sends <paramref name="message"/> without waiting. When <paramref name="sender"/> is omitted
    /// the current actor (or the TestKit's test actor on a test thread) is the sender; pass
    /// <see cref="ActorRefs.NoSender"/> to send anonymously. Never throws for a stopped target.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
