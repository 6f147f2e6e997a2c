namespace GossipActors.Actors;

/// <summary>Stops the receiving actor once it is processed; messages queued before it are handled first.</summary>
public sealed class PoisonPill
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill()
    {
    }

    public override string ToString() => nameof(PoisonPill);
}

/// <summary>Makes the receiver fail with <see cref="ActorKilledException"/>; the default supervisor then stops it.</summary>
public sealed class Kill
{
    public static readonly Kill Instance = new();

    private Kill()
    {
    }

    public override string ToString() => nameof(Kill);
}

/// <summary>Sent to an actor when no message arrived for its receive timeout (<see cref="IActorContext.SetReceiveTimeout"/>).</summary>
public sealed class ReceiveTimeout
{
    public static readonly ReceiveTimeout Instance = new();

    private ReceiveTimeout()
    {
    }

    public override string ToString() => nameof(ReceiveTimeout);
}

/// <summary>Delivered once to every watcher when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>A message that could not be delivered, as published on the event stream.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A message no behavior of the recipient handled, as published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>Replies that complete an <c>Ask</c> with a value or an exception.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}
