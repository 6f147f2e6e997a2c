namespace GossipActors.Actors;

/// <summary>Base of the kernel's own exceptions.</summary>
public class ActorException : Exception
{
    public ActorException()
    {
    }

    public ActorException(string message)
        : base(message)
    {
    }

    public ActorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown inside an actor that received <see cref="Kill"/>.</summary>
public sealed class ActorKilledException : ActorException
{
    public ActorKilledException()
        : base("Kill")
    {
    }

    public ActorKilledException(string message)
        : base(message)
    {
    }

    public ActorKilledException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Thrown when an actor does not handle the <see cref="Terminated"/> of an actor it watched.</summary>
public sealed class DeathPactException : ActorException
{
    public DeathPactException()
    {
    }

    public DeathPactException(string message)
        : base(message)
    {
    }

    public DeathPactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DeathPactException(IActorRef deadActor)
        : base($"Watched actor [{deadActor.Path}] terminated and the watcher did not handle Terminated")
    {
        DeadActor = deadActor;
    }

    public IActorRef? DeadActor { get; }
}

/// <summary>The actor's constructor, <c>PreStart</c> or <c>PostRestart</c> threw; the default supervisor stops it.</summary>
public sealed class ActorInitializationException : ActorException
{
    public ActorInitializationException()
    {
    }

    public ActorInitializationException(string message)
        : base(message)
    {
    }

    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ActorInitializationException(IActorRef actor, string message, Exception innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; }
}

/// <summary>An actor name is malformed or already taken under its parent.</summary>
public sealed class InvalidActorNameException : ActorException
{
    public InvalidActorNameException()
    {
    }

    public InvalidActorNameException(string message)
        : base(message)
    {
    }

    public InvalidActorNameException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An <c>Ask</c> got no reply in time; the message names the target path and the message type.</summary>
public sealed class AskTimeoutException : TimeoutException
{
    public AskTimeoutException()
    {
    }

    public AskTimeoutException(string message)
        : base(message)
    {
    }

    public AskTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
