namespace GossipActors.Actors.Internal;

/// <summary>A user message and who sent it; a struct so queueing a message allocates nothing.</summary>
internal readonly struct Envelope(object message, IActorRef? sender)
{
    public object Message { get; } = message;

    public IActorRef? Sender { get; } = sender;
}
