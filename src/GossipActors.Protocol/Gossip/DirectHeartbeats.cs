using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// The membership rule of direct heartbeats (<c>gossip.failure-detector.heartbeats = direct</c>), shared by the gossiper
/// actor and the simulation so both accept exactly the same ones; who sends to whom is <see cref="ObserverRing"/>'s.
/// </summary>
public static class DirectHeartbeats
{
    /// <summary>
    /// Whether a heartbeat from <paramref name="from"/> is an arrival: the sender is in our table (the detector judges
    /// only endpoints gossip made known) and is not an older incarnation than the one we know. A newer generation is
    /// accepted: the peer restarted and gossip has not told us yet.
    /// </summary>
    public static bool Accepts(GossipNodeCore core, EndpointAddress from, GossipHeartbeat heartbeat)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return IsKnownIncarnation(core, from, heartbeat.Generation);
    }

    /// <summary>
    /// The same rule for an observer's <see cref="GossipWatch"/>: a watch from a node gossip has not told us of yet is
    /// ignored (the observer renews it), and so is one from an incarnation older than the one we know.
    /// </summary>
    public static bool Accepts(GossipNodeCore core, EndpointAddress from, GossipWatch watch)
    {
        ArgumentNullException.ThrowIfNull(watch);
        return IsKnownIncarnation(core, from, watch.Generation);
    }

    private static bool IsKnownIncarnation(GossipNodeCore core, EndpointAddress from, int generation)
    {
        ArgumentNullException.ThrowIfNull(core);
        return core.Phase == GossipNodePhase.Running && from != core.LocalEndpoint &&
            core.Table.Get(from) is { } known && generation >= known.HeartBeat.Generation;
    }
}
