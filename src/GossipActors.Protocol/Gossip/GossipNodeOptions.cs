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

    /// <summary>
    /// Simulations only: no clock-skew samples are kept; a window per pair of thousands of nodes would need gigabytes.
    /// ACKs and ACK2s are still stamped, so the messages are the ones a node sends.
    /// </summary>
    public bool DiscardClockSamples { get; init; }

    /// <summary>
    /// Added to the caller's time in every clock stamp this node puts on the wire and reads against: the fault-injection
    /// hook that makes one node's clock wrong (the node host's <c>GOSSIP_FAULT_CLOCK_OFFSET_MS</c>, docs/testing.md) and
    /// gives simulated nodes skewed clocks. Not a setting: 0 in production, where the machine's clock is what it is.
    /// </summary>
    public long ClockOffsetMs { get; init; }
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
