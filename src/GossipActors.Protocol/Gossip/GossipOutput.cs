using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

public enum MembershipEventKind
{
    /// <summary>An endpoint became known.</summary>
    Joined,

    /// <summary>An endpoint answered our echo: it is reachable.</summary>
    Up,

    Down,

    /// <summary>An endpoint was evicted (LEFT expired, assassinated, or dead too long).</summary>
    Removed,

    /// <summary>An application state changed; Key and Value say which.</summary>
    StateChanged,

    /// <summary>An endpoint came back with a newer generation; its old state was replaced.</summary>
    Restarted,
}

public sealed record MembershipEvent(
    MembershipEventKind Kind,
    EndpointAddress Endpoint,
    long AtMs,
    string? Key = null,
    string? Value = null,
    string? Reason = null)
{
    public override string ToString() => Kind switch
    {
        MembershipEventKind.StateChanged => $"{Kind} {Endpoint} {Key}={Value}",
        _ when Reason is not null => $"{Kind} {Endpoint} ({Reason})",
        _ => $"{Kind} {Endpoint}",
    };
}

/// <summary>"Endpoint X's heartbeat advanced at this time": the failure detector's input.</summary>
public readonly record struct HeartbeatArrival(EndpointAddress Endpoint, long AtMs);

public enum GossipWarningKind
{
    ClusterNameMismatch,
    GenerationTooFarAhead,
    AssassinateNotConfirmed,
    InvalidRequest,
    UnexpectedMessage,

    /// <summary>The shadow round ended at its time-out without anyone's state (a seed alone, or a member restarting alone).</summary>
    ShadowRoundTimedOut,

    /// <summary>Another node assassinated this one while it was running (an error for the operator).</summary>
    AssassinatedWhileAlive,

    /// <summary>Another live node carries this node's host id.</summary>
    HostIdCollision,

    /// <summary>A peer gossiped an <c>UNREACHABLE</c> state with an entry that does not parse; the entry is ignored.</summary>
    InvalidClaim,

    /// <summary>A peer's estimated clock skew went beyond <c>gossip.clock-skew-warning</c> (once per crossing).</summary>
    ClockSkew,

    /// <summary>A peer's clock skew, once reported, came back within <c>gossip.clock-skew-warning</c>.</summary>
    ClockSkewRecovered,
}

/// <summary>Something the operator should read: what happened, with whom, and the values involved.</summary>
public sealed record GossipWarning(GossipWarningKind Kind, EndpointAddress? Peer, string Message)
{
    public override string ToString() => Message;
}

/// <summary>
/// What one call on <see cref="GossipNodeCore"/> produced. The core reuses one instance per node to
/// avoid allocating per message in large simulations: it is valid until the next call on the same
/// core, so copy what must be kept.
/// </summary>
public sealed class GossipOutput
{
    public List<GossipEnvelope> Messages { get; } = [];

    public List<MembershipEvent> Events { get; } = [];

    public List<HeartbeatArrival> HeartbeatArrivals { get; } = [];

    public List<GossipWarning> Warnings { get; } = [];

    /// <summary>
    /// Endpoints that left for good or were evicted: the transport should close its links to them and stop
    /// redialling, and the failure detector should stop judging them.
    /// </summary>
    public List<EndpointAddress> Forgotten { get; } = [];

    /// <summary>Set when start-up failed (<see cref="SeedsUnreachableException"/> or <see cref="EndpointCollisionException"/>).</summary>
    public Exception? StartupFailure { get; internal set; }

    /// <summary>Set on the call that ended the shadow round and began normal rounds.</summary>
    public bool StartedGossip { get; internal set; }

    /// <summary>Set when a running node must stop (another live node has its host id); the shutdown was announced.</summary>
    public Exception? Fatal { get; internal set; }

    internal GossipOutput Reset()
    {
        Messages.Clear();
        Events.Clear();
        HeartbeatArrivals.Clear();
        Warnings.Clear();
        Forgotten.Clear();
        StartupFailure = null;
        StartedGossip = false;
        Fatal = null;
        return this;
    }
}
