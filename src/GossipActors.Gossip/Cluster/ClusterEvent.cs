using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// What a subscriber of one node (<see cref="Observer"/>) receives: <see cref="CurrentClusterState"/> first when it
/// asked for the initial state, then a <see cref="MemberEvent"/> per change. Several nodes may share one actor
/// system (simulations), hence the observer.
/// </summary>
public abstract record ClusterEvent(EndpointAddress Observer, DateTimeOffset At)
{
    /// <summary>
    /// The <see cref="ClusterSnapshot.Version"/> of the first snapshot that shows this change (for
    /// <see cref="CurrentClusterState"/>, the snapshot's own). Changes the gossiper applied together share one version.
    /// </summary>
    public long Version { get; init; }
}

/// <summary>
/// The cluster as the observer saw it when the subscription took effect: sent once, before any
/// <see cref="MemberEvent"/>, to a subscriber that asked for <see cref="ClusterInitialState.AsSnapshot"/>.
/// Every later event has a greater <see cref="ClusterEvent.Version"/>; none is missing, none repeats what this holds.
/// </summary>
public sealed record CurrentClusterState(EndpointAddress Observer, DateTimeOffset At, ClusterSnapshot Snapshot) : ClusterEvent(Observer, At);

/// <summary>
/// A change of one member as seen by the observer: published on the actor system's event stream by the
/// endpoint's actor, and delivered by the gossiper to <see cref="IGossipCluster.Subscribe(Action{ClusterEvent}, ClusterInitialState)"/> subscribers.
/// </summary>
public abstract record MemberEvent(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At) : ClusterEvent(Observer, At)
{
    public abstract MembershipEventKind Kind { get; }

    internal static MemberEvent From(EndpointAddress observer, MembershipEvent e, long version) => e.Kind switch
    {
        MembershipEventKind.Joined => new MemberJoined(observer, e.Endpoint, TimeOf(e)) { Version = version },
        MembershipEventKind.Up => new MemberUp(observer, e.Endpoint, TimeOf(e)) { Version = version },
        MembershipEventKind.Down => new MemberDown(observer, e.Endpoint, TimeOf(e), e.Reason ?? "unknown") { Version = version },
        MembershipEventKind.Removed => new MemberRemoved(observer, e.Endpoint, TimeOf(e), e.Reason ?? "unknown") { Version = version },
        MembershipEventKind.Restarted => new MemberRestarted(observer, e.Endpoint, TimeOf(e), e.Reason ?? string.Empty) { Version = version },
        _ => new MemberStateChanged(observer, e.Endpoint, TimeOf(e), e.Key ?? string.Empty, e.Value ?? string.Empty) { Version = version },
    };

    private static DateTimeOffset TimeOf(MembershipEvent e) => DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs);
}

/// <summary>An endpoint became known.</summary>
public sealed record MemberJoined(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Joined;
}

/// <summary>An endpoint answered this node's echo: it is reachable.</summary>
public sealed record MemberUp(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Up;
}

/// <summary>An endpoint was marked down (convicted, announced shutdown, restarted, left...).</summary>
public sealed record MemberDown(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Down;
}

/// <summary>An endpoint was evicted (LEFT expired, dead too long) and is quarantined.</summary>
public sealed record MemberRemoved(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Removed;
}

/// <summary>An endpoint came back with a newer generation; its old state was replaced.</summary>
public sealed record MemberRestarted(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Restarted;
}

/// <summary>An application state of the endpoint changed.</summary>
public sealed record MemberStateChanged(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Key, string Value) : MemberEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.StateChanged;
}
