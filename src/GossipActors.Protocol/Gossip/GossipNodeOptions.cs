using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>Who this node is. <see cref="Generation"/> comes from <see cref="Gossip.Generation.Next"/> and persistence.</summary>
public sealed record GossipNodeOptions
{
    public required EndpointAddress LocalEndpoint { get; init; }

    public required Guid HostId { get; init; }

    public required int Generation { get; init; }

    public required GossipSettings Settings { get; init; }

    /// <summary>Application states published from the start (DC, RACK, tags…).</summary>
    public IReadOnlyDictionary<string, string> InitialApplicationStates { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Simulations only: heartbeat arrivals are not reported in the output, since no failure detector listens and
    /// arrival windows for every pair of a large cluster would need gigabytes. A node that runs a detector reports them.
    /// </summary>
    public bool DiscardHeartbeatArrivals { get; init; }
}

/// <summary>A member as the local node sees it.</summary>
public sealed record MemberInfo(EndpointAddress Endpoint, bool IsLocal, LivenessStatus Liveness, EndpointState State)
{
    public string? Status => EndpointStatus.StatusOf(State);
}

public enum GossipNodePhase
{
    Created,
    ShadowRound,
    Running,

    /// <summary>Shut down (announced) or failed to start: the node neither sends nor answers.</summary>
    Stopped,
}
