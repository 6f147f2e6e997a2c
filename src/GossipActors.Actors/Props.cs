namespace GossipActors.Actors;

/// <summary>How to make an actor: a factory (called again on every restart) plus options.</summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
    }

    public Type ActorType { get; }

    /// <summary>Overrides the actor's own <c>SupervisorStrategy()</c> for its children when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public static Props Create<T>(Func<T> factory)
        where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, null);
    }

    public static Props Create<T>()
        where T : ActorBase, new() => new(typeof(T), static () => new T(), null);

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, strategy);
    }

    internal ActorBase NewActor() => _factory();

    public override string ToString() => $"Props({ActorType.Name})";
}
