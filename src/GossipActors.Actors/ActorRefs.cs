using GossipActors.Actors.Internal;

namespace GossipActors.Actors;

/// <summary>Well-known refs that are not actors.</summary>
public static class ActorRefs
{
    /// <summary>A ref that swallows every message; used where "no actor" must still be a ref.</summary>
    public static readonly IActorRef Nobody = new NobodyActorRef("nobody");

    /// <summary>Passed as a sender to send anonymously; the receiver then sees dead letters as its sender.</summary>
    public static readonly IActorRef NoSender = new NobodyActorRef("no-sender");
}
