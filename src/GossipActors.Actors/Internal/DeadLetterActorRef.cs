namespace GossipActors.Actors.Internal;

/// <summary><c>/deadLetters</c>: messages told to it directly are recorded as dead letters.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : InternalActorRef(path, 0)
{
    public override void Tell(object message, IActorRef? sender = null)
    {
        if (message is DeadLetter letter)
        {
            system.RecordDeadLetter(letter.Message, letter.Sender, letter.Recipient);
        }
        else
        {
            system.RecordDeadLetter(message, sender ?? ActorRefs.NoSender, this);
        }
    }
}
