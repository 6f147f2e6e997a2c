namespace GossipActors.Actors.Internal;

/// <summary>A ref that belongs to no system and discards everything sent to it.</summary>
internal sealed class NobodyActorRef(string name) : InternalActorRef(ActorPath.CreateRoot(string.Empty) / name, 0)
{
    public override void Tell(object message, IActorRef? sender = null)
    {
    }
}
