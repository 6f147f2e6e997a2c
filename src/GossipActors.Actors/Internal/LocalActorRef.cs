namespace GossipActors.Actors.Internal;

/// <summary>A ref to an actor in this process.</summary>
internal sealed class LocalActorRef(ActorCell cell, ActorPath path, long uid) : InternalActorRef(path, uid)
{
    internal ActorCell Cell { get; } = cell;

    public override void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Cell.Post(message, sender ?? ActorCell.ImplicitSender);
    }

    internal override void SendSystemMessage(SystemMessage message) => Cell.Mailbox.PostSystem(message);
}
