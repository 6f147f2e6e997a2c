namespace GossipActors.Actors.Internal;

/// <summary><c>/user</c> and <c>/system</c>: they only supervise.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected internal override bool Receive(object message) => false;
}
