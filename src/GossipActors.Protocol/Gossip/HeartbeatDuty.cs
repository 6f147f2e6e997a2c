using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// What a node does on each direct-heartbeat tick, in one place for the gossiper actor and the simulation: find whom
/// it observes now (its detector then judges only those on direct heartbeats), run its claim duties (withdraw its claims
/// about the others, probe the endpoints other observers claim: <see cref="GossipNodeCore.TickClaims"/>), and name whom
/// its heartbeat goes to and whom it asks for theirs. The caller sends what <see cref="Sends"/> lists (on the stream or
/// as datagrams), tells its detector (<c>FailureDetectorCore.KeepDirectOnly</c>) and dispatches
/// <see cref="Claims"/> before the next call on the core.
/// </summary>
public readonly record struct HeartbeatDuty(
    GossipHeartbeat Heartbeat,
    IReadOnlyCollection<EndpointAddress> Targets,
    IReadOnlyCollection<EndpointAddress> DatagramTargets,
    IReadOnlyList<KeyValuePair<EndpointAddress, GossipWatch>> Watches,
    IReadOnlySet<EndpointAddress> Observed,
    GossipOutput Claims)
{
    /// <summary>The subjects this tick's watches go to.</summary>
    public IEnumerable<EndpointAddress> WatchTargets => Watches.Select(watch => watch.Key);

    /// <summary>
    /// Every message of this tick with where it goes and whether as a datagram: the heartbeat to each target, and each
    /// watch, which travels as a datagram exactly when it asks for datagrams. The one place that rule is written.
    /// </summary>
    public IEnumerable<(EndpointAddress To, IGossipMessage Message, bool AsDatagram)> Sends()
    {
        var heartbeat = Heartbeat;
        return Targets.Select(peer => (peer, (IGossipMessage)heartbeat, false))
            .Concat(DatagramTargets.Select(peer => (peer, (IGossipMessage)heartbeat, true)))
            .Concat(Watches.Select(watch => (watch.Key, (IGossipMessage)watch.Value, watch.Value.Datagrams)));
    }

    public static HeartbeatDuty Run(GossipNodeCore core, ObserverRing ring, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(ring);
        var observed = ring.Observed;
        var claims = core.TickClaims(observed.Contains, nowMs, ring.HeartbeatIntervalMs);
        var targets = ring.Targets(nowMs);
        var watches = ring.WatchTargets(nowMs).Select(subject => KeyValuePair.Create(subject, ring.WatchFor(subject, nowMs))).ToList();
        return new HeartbeatDuty(
            core.StampedHeartbeat(nowMs),
            [.. targets.Where(target => !ring.SendsDatagramTo(target))],
            [.. targets.Where(ring.SendsDatagramTo)],
            watches,
            observed,
            claims);
    }
}
