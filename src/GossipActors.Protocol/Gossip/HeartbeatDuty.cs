using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// What a node does on each direct-heartbeat tick, in one place for the gossiper actor and the simulation: find whom
/// it observes now (its detector then judges only those on direct heartbeats), run its claim duties (withdraw its claims
/// about the others, probe the endpoints other observers claim: <see cref="GossipNodeCore.TickClaims"/>), and name whom
/// its heartbeat goes to and whom it asks for theirs. The caller sends <see cref="Heartbeat"/> to
/// <see cref="Targets"/> and <see cref="Watch"/> to <see cref="WatchTargets"/>, tells its detector
/// (<c>FailureDetectorCore.KeepDirectOnly</c>) and dispatches <see cref="Claims"/> before the next call on the core.
/// </summary>
public readonly record struct HeartbeatDuty(
    GossipHeartbeat Heartbeat,
    IReadOnlyCollection<EndpointAddress> Targets,
    GossipWatch Watch,
    IReadOnlyCollection<EndpointAddress> WatchTargets,
    IReadOnlySet<EndpointAddress> Observed,
    GossipOutput Claims)
{
    public static HeartbeatDuty Run(GossipNodeCore core, ObserverRing ring, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(ring);
        var observed = ring.Observed;
        var claims = core.TickClaims(observed.Contains, nowMs, ring.HeartbeatIntervalMs);
        return new HeartbeatDuty(
            core.StampedHeartbeat(nowMs),
            ring.Targets(nowMs),
            new GossipWatch(core.Generation),
            ring.WatchTargets(nowMs),
            observed,
            claims);
    }
}
