using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Who watches whom with direct heartbeats (<c>gossip.failure-detector.observers</c>), as Akka.Cluster's heartbeat
/// ring does: the endpoints this node knows (itself, live and unreachable ones; not those that left) ordered by a
/// stable hash of their address, and the observers of S are the first k endpoints after S that are UP here.
/// <para>
/// Two nodes' views differ for a while after a membership change, and may differ for long (one node holds a peer DOWN
/// that the others hold UP), so the ring alone cannot tell S whom to send to. The observer decides, as in Akka: it
/// sends S a <see cref="GossipWatch"/> while it observes S, and S sends its heartbeats to every node that watched it
/// within <see cref="WatchLeaseMs"/>, besides the observers of its own view. An observer whose subject fell silent
/// asks again every heartbeat interval, so a subject that restarted, or was stopped and lost its watchers, hears of it
/// before its observer's phi can cross the threshold. Used by the gossiper actor and the simulation alike; one per
/// node, read between calls on its core.
/// </para>
/// </summary>
public sealed class ObserverRing
{
    /// <summary>How often an observer renews its watch of a subject that keeps sending.</summary>
    public const long WatchRenewalMs = 5_000;

    /// <summary>How long a subject keeps sending to a node after its last watch: three renewals, so one late one is no gap.</summary>
    public const long WatchLeaseMs = 3 * WatchRenewalMs;

    /// <summary>
    /// How long an observer whose subject fell silent asks for its heartbeats on the stream (TCP) connection instead of
    /// as datagrams: a path that drops UDP (a firewall) would otherwise lose them for good; after this its next renewal
    /// tries datagrams again, and it falls back again within two heartbeat intervals if they still do not come (a gap
    /// of about a second every 10-15 s, far inside the detector's acceptable pause). Short, because silence is also
    /// what every observer sees while a cluster starts (a watch reaches a subject that does not know the observer yet),
    /// and datagrams should be back soon after.
    /// </summary>
    public const long StreamFallbackMs = 2 * WatchRenewalMs;

    /// <summary>
    /// <c>observers = auto</c>: every peer observes every other while the ring holds at most this many endpoints. A crash is
    /// then convicted by every survivor on its own heartbeats, all at once (the subject's heartbeats reach all of them in
    /// one tick), instead of by its observers and then, a probe later, by the bystanders; it costs 2 (N - 1) heartbeats
    /// per interval per node, 14 at this size.
    /// </summary>
    public const int AutoEveryPeerUpTo = 8;

    /// <summary><c>observers = auto</c> in a larger cluster: heartbeats per node stay the same whatever N is.</summary>
    public const int AutoObservers = 3;

    private readonly GossipNodeCore _core;
    private readonly int? _observers;
    private readonly long _heartbeatIntervalMs;
    private readonly bool _datagrams;
    private readonly Dictionary<EndpointAddress, (long Until, bool Datagrams)> _watchers = [];
    private readonly Dictionary<EndpointAddress, long> _streamUntilMs = [];
    private readonly Dictionary<EndpointAddress, long> _watchSentMs = [];
    private readonly Dictionary<EndpointAddress, long> _lastHeardMs = [];
    private List<EndpointAddress> _ring = [];
    private HashSet<EndpointAddress> _observed = [];
    private long _builtAt = -1;

    /// <param name="core">The node whose membership the ring follows.</param>
    /// <param name="observers">
    /// k; 0 means every peer observes every other (nobody is left out); null is <c>auto</c>, every peer up to
    /// <see cref="AutoEveryPeerUpTo"/> endpoints and <see cref="AutoObservers"/> beyond.
    /// </param>
    /// <param name="heartbeatIntervalMs"><c>gossip.failure-detector.heartbeat-interval</c>: how soon silence is worth a new watch.</param>
    /// <param name="datagrams">
    /// Whether this node takes heartbeats as datagrams (<c>remote.heartbeat-datagrams</c>): its watches then ask for
    /// them so, except from a subject that fell silent within <see cref="StreamFallbackMs"/>.
    /// </param>
    public ObserverRing(GossipNodeCore core, int? observers, long heartbeatIntervalMs, bool datagrams = false)
    {
        ArgumentNullException.ThrowIfNull(core);
        if (observers is { } k)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(k, nameof(observers));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heartbeatIntervalMs);
        _core = core;
        _observers = observers;
        _heartbeatIntervalMs = heartbeatIntervalMs;
        _datagrams = datagrams;
    }

    /// <summary><c>gossip.failure-detector.heartbeat-interval</c>, in milliseconds.</summary>
    public long HeartbeatIntervalMs => _heartbeatIntervalMs;

    /// <summary>Whether every peer observes every other: k = 0, or <c>auto</c> in a ring of at most <see cref="AutoEveryPeerUpTo"/>.</summary>
    public bool EveryPeer
    {
        get
        {
            Refresh();
            return EveryPeerIn(_ring);
        }
    }

    /// <summary>The endpoints this node observes: it judges them on their direct heartbeats.</summary>
    public IReadOnlySet<EndpointAddress> Observed
    {
        get
        {
            Refresh();
            return _observed;
        }
    }

    public bool Observes(EndpointAddress endpoint) => Observed.Contains(endpoint);

    /// <summary>
    /// The observers of <paramref name="endpoint"/> in this node's view: the first k endpoints after it on the ring
    /// that are UP here (this node counts as UP); fewer when fewer are UP.
    /// </summary>
    public IReadOnlyList<EndpointAddress> ObserversOf(EndpointAddress endpoint)
    {
        Refresh();
        return ObserversOf(endpoint, _ring);
    }

    /// <summary>The nodes whose watch of this one is current at <paramref name="nowMs"/>.</summary>
    public IEnumerable<EndpointAddress> WatchersAt(long nowMs) =>
        _watchers.Where(watcher => watcher.Value.Until > nowMs).Select(watcher => watcher.Key);

    /// <summary>
    /// Whether this node's heartbeat to <paramref name="target"/> goes as a datagram: its current watch asked for that.
    /// Every other target (an observer of our view that has not watched us, an accuser, a watcher that fell back to the
    /// stream) gets it on the stream connection, which every node reads.
    /// </summary>
    public bool SendsDatagramTo(EndpointAddress target) => _watchers.TryGetValue(target, out var watch) && watch.Datagrams;

    /// <summary>
    /// Where this node's heartbeat goes now: its observers in its own view; every node that watches it (an observer
    /// by its own view, which may not be ours); and every peer that claims it unreachable (it must hear us to withdraw
    /// the claim: after a partition heals, the two sides' observers are each other's convicted nodes). None before
    /// gossip runs.
    /// </summary>
    public IReadOnlyCollection<EndpointAddress> Targets(long nowMs)
    {
        if (_core.Phase != GossipNodePhase.Running)
        {
            return [];
        }

        Refresh();
        var targets = new HashSet<EndpointAddress>(_core.Accusers);
        if (EveryPeer)
        {
            // Every live or unreachable peer, convicted ones included (a conviction by one side must not silence us).
            targets.UnionWith(_core.LiveEndpoints);
            targets.UnionWith(_core.UnreachableEndpoints);
        }
        else
        {
            targets.UnionWith(ObserversOf(_core.LocalEndpoint, _ring));
        }

        foreach (var (watcher, (until, _)) in _watchers.ToList())
        {
            if (until <= nowMs || !_core.Table.Contains(watcher) || _core.DepartedEndpoints.Contains(watcher))
            {
                _watchers.Remove(watcher);
            }
            else
            {
                targets.Add(watcher);
            }
        }

        return targets;
    }

    /// <summary>
    /// The subjects to send a <see cref="GossipWatch"/> now: one this node has just started to observe; one whose
    /// watch is due for renewal; and one UP here that has been silent for two heartbeat intervals (it may have
    /// restarted, or dropped us from its own view of the ring), at most once an interval.
    /// </summary>
    public IReadOnlyCollection<EndpointAddress> WatchTargets(long nowMs)
    {
        if (_core.Phase != GossipNodePhase.Running)
        {
            return [];
        }

        var observed = Observed;
        foreach (var endpoint in _watchSentMs.Keys.Where(endpoint => !observed.Contains(endpoint)).ToList())
        {
            _watchSentMs.Remove(endpoint);
            _lastHeardMs.Remove(endpoint);
            _streamUntilMs.Remove(endpoint);
        }

        var due = new List<EndpointAddress>();
        foreach (var endpoint in observed)
        {
            if (IsWatchDue(endpoint, nowMs))
            {
                _watchSentMs[endpoint] = nowMs;
                due.Add(endpoint);
            }
        }

        return due;
    }

    private bool IsWatchDue(EndpointAddress endpoint, long nowMs)
    {
        if (!_watchSentMs.TryGetValue(endpoint, out var sent))
        {
            // Silence is counted from the first watch until the first heartbeat.
            _lastHeardMs[endpoint] = nowMs;
            return true;
        }

        if (nowMs - sent >= WatchRenewalMs)
        {
            return true;
        }

        if (_core.LivenessOf(endpoint) == LivenessStatus.Up &&
            nowMs - _lastHeardMs[endpoint] >= 2 * _heartbeatIntervalMs &&
            nowMs - sent >= _heartbeatIntervalMs)
        {
            // Silence may be a path that drops datagrams: ask for the stream until it has been heard for a while.
            _streamUntilMs[endpoint] = nowMs + StreamFallbackMs;
            return true;
        }

        return false;
    }

    /// <summary>
    /// The watch to send <paramref name="subject"/> at <paramref name="nowMs"/>: asking for datagrams when this node takes
    /// them and the subject has not fallen silent within <see cref="StreamFallbackMs"/>. One asking for datagrams may
    /// itself travel as one; one asking for the stream goes on the stream.
    /// </summary>
    public GossipWatch WatchFor(EndpointAddress subject, long nowMs)
    {
        if (_streamUntilMs.TryGetValue(subject, out var until) && until <= nowMs)
        {
            _streamUntilMs.Remove(subject);
        }

        return new GossipWatch(_core.Generation, _datagrams && !_streamUntilMs.ContainsKey(subject));
    }

    /// <summary>
    /// Takes the ring's own messages, a direct heartbeat or a watch, which the core never sees: true when
    /// <paramref name="envelope"/> was one, with <paramref name="directArrival"/> telling whether it is a heartbeat the
    /// detector counts (<see cref="Accepts"/>). The gossiper actor and the simulation route inbound messages through it.
    /// </summary>
    public bool TryTake(GossipEnvelope envelope, long nowMs, out bool directArrival)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        directArrival = false;
        switch (envelope.Message)
        {
            case GossipHeartbeat heartbeat:
                directArrival = Accepts(envelope.From, heartbeat, nowMs);
                return true;
            case GossipWatch watch:
                Watched(envelope.From, watch, nowMs);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a direct heartbeat from <paramref name="from"/> is an arrival here: <see cref="DirectHeartbeats.Accepts(GossipNodeCore, EndpointAddress, GossipHeartbeat)"/>,
    /// and this node observes the sender (a former observer still watched for a while judges it on gossip only).
    /// </summary>
    public bool Accepts(EndpointAddress from, GossipHeartbeat heartbeat, long nowMs)
    {
        if (!DirectHeartbeats.Accepts(_core, from, heartbeat) || !Observes(from))
        {
            return false;
        }

        if (_watchSentMs.ContainsKey(from))
        {
            _lastHeardMs[from] = nowMs;
        }

        return true;
    }

    /// <summary>A <see cref="GossipWatch"/> from <paramref name="from"/> arrived: it gets our heartbeats for the lease.</summary>
    /// <returns>Whether the watch was taken (the watcher is known here, in its current incarnation).</returns>
    public bool Watched(EndpointAddress from, GossipWatch watch, long nowMs)
    {
        if (!DirectHeartbeats.Accepts(_core, from, watch))
        {
            return false;
        }

        _watchers[from] = (nowMs + WatchLeaseMs, watch.Datagrams);
        return true;
    }

    private void Refresh()
    {
        var stamp = _core.MembershipChanges;
        if (stamp == _builtAt)
        {
            return;
        }

        _builtAt = stamp;
        var members = new List<EndpointAddress>(_core.LiveEndpoints.Count + _core.UnreachableEndpoints.Count + 1) { _core.LocalEndpoint };
        members.AddRange(_core.LiveEndpoints);
        members.AddRange(_core.UnreachableEndpoints);
        _ring = [.. members.Distinct().OrderBy(HashOf).ThenBy(endpoint => endpoint)];
        var observed = new HashSet<EndpointAddress>();
        for (var i = 0; i < _ring.Count; i++)
        {
            var endpoint = _ring[i];
            if (endpoint != _core.LocalEndpoint && (EveryPeerIn(_ring) || ObserversAt(i, _ring).Contains(_core.LocalEndpoint)))
            {
                observed.Add(endpoint);
            }
        }

        _observed = observed;
    }

    private List<EndpointAddress> ObserversOf(EndpointAddress endpoint, List<EndpointAddress> ring)
    {
        var start = ring.IndexOf(endpoint);
        return start < 0 ? [] : ObserversAt(start, ring);
    }

    private List<EndpointAddress> ObserversAt(int start, List<EndpointAddress> ring)
    {
        var observers = new List<EndpointAddress>();
        var wanted = EveryPeerIn(ring) ? ring.Count - 1 : _observers ?? AutoObservers;
        for (var step = 1; step < ring.Count && observers.Count < wanted; step++)
        {
            var candidate = ring[(start + step) % ring.Count];
            if (candidate == _core.LocalEndpoint || _core.LivenessOf(candidate) == LivenessStatus.Up)
            {
                observers.Add(candidate);
            }
        }

        return observers;
    }

    private bool EveryPeerIn(List<EndpointAddress> ring) => _observers is null ? ring.Count <= AutoEveryPeerUpTo : _observers == 0;

    /// <summary>FNV-1a over the address text: the same on every node and every run, unlike string.GetHashCode.</summary>
    public static ulong HashOf(EndpointAddress endpoint)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(endpoint.ToString()))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
