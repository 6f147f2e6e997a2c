namespace GossipActors.Actors;

/// <summary>What a supervisor does with a child that threw.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the failing message.</summary>
    Resume,

    /// <summary>Replace the instance; the ref and the queued messages are kept.</summary>
    Restart,

    /// <summary>Stop the child (and its children).</summary>
    Stop,

    /// <summary>Fail the supervisor itself with the same exception.</summary>
    Escalate,
}

/// <summary>
/// How a parent handles its children's failures: a decider from exception to <see cref="Directive"/>,
/// and a budget of restarts (<see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>)
/// after which the child is stopped instead.
/// </summary>
public abstract class SupervisorStrategy
{
    /// <summary>Restart on any exception, except stop on initialization failure, Kill and death pact.</summary>
    public static readonly SupervisorStrategy DefaultStrategy = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stop on any exception.</summary>
    public static readonly SupervisorStrategy StoppingStrategy = new OneForOneStrategy(static _ => Directive.Stop);

    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange is { } window && window <= TimeSpan.Zero && window != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), window, "The restart window must be positive");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Restarts allowed within the window; negative means unlimited, 0 means never restart.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in; null counts over the child's whole life.</summary>
    public TimeSpan? WithinTimeRange { get; }

    public Func<Exception, Directive> Decider { get; }

    /// <summary>True when a decision applies to every child, not just the one that failed.</summary>
    internal abstract bool AppliesToAllChildren { get; }

    public static Directive DefaultDecider(Exception exception) => exception switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };
}

/// <summary>Applies the decision to the failing child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override bool AppliesToAllChildren => false;
}

/// <summary>Applies Restart and Stop to every child of the supervisor; Resume only to the failing one.</summary>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    internal override bool AppliesToAllChildren => true;
}
