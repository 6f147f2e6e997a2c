using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// The two rules of direct heartbeats (<c>gossip.failure-detector.heartbeats = direct</c>), shared by the gossiper
/// actor and the simulation so both send and accept exactly the same ones.
/// </summary>
public static class DirectHeartbeats
{
    /// <summary>
    /// Who gets this node's heartbeat now: every peer that is live or merely unreachable (a leaving node included: it is
    /// alive until it stops), none before gossip runs or after it stopped.
    /// Convicted peers keep getting it, so that a conviction by one side never silences the other side's view of us
    /// (two nodes that stopped heartbeating each other would stay DOWN to each other for good); peers that left or
    /// were removed do not.
    /// </summary>
    public static IEnumerable<EndpointAddress> Targets(GossipNodeCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        return core.Phase == GossipNodePhase.Running ? core.LiveEndpoints.Concat(core.UnreachableEndpoints) : [];
    }

    /// <summary>
    /// Whether a heartbeat from <paramref name="from"/> is an arrival: the sender is in our table (the detector judges
    /// only endpoints gossip made known) and is not an older incarnation than the one we know. A newer generation is
    /// accepted: the peer restarted and gossip has not told us yet.
    /// </summary>
    public static bool Accepts(GossipNodeCore core, EndpointAddress from, GossipHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(heartbeat);
        return core.Phase == GossipNodePhase.Running && from != core.LocalEndpoint &&
            core.Table.Get(from) is { } known && heartbeat.Generation >= known.HeartBeat.Generation;
    }
}
