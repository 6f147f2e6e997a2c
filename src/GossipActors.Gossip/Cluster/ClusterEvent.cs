using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// A membership event as seen by one node (<see cref="Observer"/>): published on the actor system's
/// event stream by the endpoint's actor and delivered to <see cref="IGossipCluster.Subscribe"/> handlers.
/// Several nodes may share one actor system (simulations), hence the observer.
/// </summary>
public abstract record ClusterEvent(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At)
{
    public abstract MembershipEventKind Kind { get; }

    internal static ClusterEvent From(EndpointAddress observer, MembershipEvent e) => e.Kind switch
    {
        MembershipEventKind.Joined => new MemberJoined(observer, e.Endpoint, TimeOf(e)),
        MembershipEventKind.Up => new MemberUp(observer, e.Endpoint, TimeOf(e)),
        MembershipEventKind.Down => new MemberDown(observer, e.Endpoint, TimeOf(e), e.Reason ?? "unknown"),
        MembershipEventKind.Removed => new MemberRemoved(observer, e.Endpoint, TimeOf(e), e.Reason ?? "unknown"),
        MembershipEventKind.Restarted => new MemberRestarted(observer, e.Endpoint, TimeOf(e), e.Reason ?? string.Empty),
        _ => new MemberStateChanged(observer, e.Endpoint, TimeOf(e), e.Key ?? string.Empty, e.Value ?? string.Empty),
    };

    private static DateTimeOffset TimeOf(MembershipEvent e) => DateTimeOffset.FromUnixTimeMilliseconds(e.AtMs);
}

/// <summary>An endpoint became known.</summary>
public sealed record MemberJoined(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Joined;
}

/// <summary>An endpoint answered this node's echo: it is reachable.</summary>
public sealed record MemberUp(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Up;
}

/// <summary>An endpoint was marked down (convicted, announced shutdown, restarted, left...).</summary>
public sealed record MemberDown(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Down;
}

/// <summary>An endpoint was evicted (LEFT expired, dead too long) and is quarantined.</summary>
public sealed record MemberRemoved(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Removed;
}

/// <summary>An endpoint came back with a newer generation; its old state was replaced.</summary>
public sealed record MemberRestarted(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Reason) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.Restarted;
}

/// <summary>An application state of the endpoint changed.</summary>
public sealed record MemberStateChanged(EndpointAddress Observer, EndpointAddress Endpoint, DateTimeOffset At, string Key, string Value) : ClusterEvent(Observer, Endpoint, At)
{
    public override MembershipEventKind Kind => MembershipEventKind.StateChanged;
}
