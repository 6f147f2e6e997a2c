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
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(heartbeat);
        return core.Phase == GossipNodePhase.Running && from != core.LocalEndpoint &&
            core.Table.Get(from) is { } known && heartbeat.Generation >= known.HeartBeat.Generation;
    }
}
