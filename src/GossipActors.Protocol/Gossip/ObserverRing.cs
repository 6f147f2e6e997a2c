using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Who watches whom with direct heartbeats (<c>gossip.failure-detector.observers</c>), as Akka.Cluster's heartbeat
/// ring does: the endpoints this node knows (itself, live and unreachable ones; not those that left) ordered by a
/// stable hash of their address, and the observers of S are the first k endpoints after S that are UP here. Every node
/// computes the same ring from the same membership, so S sends its heartbeats to exactly the nodes that judge it on
/// them. Used by the gossiper actor and the simulation alike; one per node, read between calls on its core.
/// </summary>
public sealed class ObserverRing
{
    /// <summary>
    /// How long S keeps sending to a node that stopped being one of its observers. Views differ for a moment after a
    /// membership change: the old observer, not yet told, still judges S on direct heartbeats and would convict it if
    /// they stopped at once. Twice the default conviction time, so the news reaches it first.
    /// </summary>
    public const long LingerMs = 10_000;

    private readonly GossipNodeCore _core;
    private readonly int _observers;
    private readonly Dictionary<EndpointAddress, long> _lingering = [];
    private readonly HashSet<EndpointAddress> _targets = [];
    private List<EndpointAddress> _ring = [];
    private HashSet<EndpointAddress> _observed = [];
    private long _builtAt = -1;

    /// <param name="core">The node whose membership the ring follows.</param>
    /// <param name="observers">k; 0 means every peer observes every other (nobody is left out).</param>
    public ObserverRing(GossipNodeCore core, int observers)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentOutOfRangeException.ThrowIfNegative(observers);
        _core = core;
        _observers = observers;
    }

    /// <summary>Whether every peer observes every other (k = 0, or not fewer peers than k).</summary>
    public bool EveryPeer => _observers == 0;

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

    /// <summary>
    /// Where this node's heartbeat goes now: its observers; every peer that claims it unreachable (it must hear us to
    /// withdraw the claim: after a partition heals, the two sides' observers are each other's convicted nodes); and,
    /// for <see cref="LingerMs"/>, the nodes that were observers a moment ago. None before gossip runs.
    /// </summary>
    public IReadOnlyCollection<EndpointAddress> Targets(long nowMs)
    {
        if (_core.Phase != GossipNodePhase.Running)
        {
            return [];
        }

        Refresh();
        var current = new HashSet<EndpointAddress>(_core.Accusers);
        if (EveryPeer)
        {
            // Every live or unreachable peer, convicted ones included (a conviction by one side must not silence us).
            current.UnionWith(_core.LiveEndpoints);
            current.UnionWith(_core.UnreachableEndpoints);
        }
        else
        {
            current.UnionWith(ObserversOf(_core.LocalEndpoint, _ring));
        }

        foreach (var former in _targets)
        {
            if (!current.Contains(former))
            {
                _lingering.TryAdd(former, nowMs + LingerMs);
            }
        }

        foreach (var (endpoint, until) in _lingering.ToList())
        {
            if (current.Contains(endpoint) || until <= nowMs || !_core.Table.Contains(endpoint) || _core.DepartedEndpoints.Contains(endpoint))
            {
                _lingering.Remove(endpoint);
            }
        }

        _targets.Clear();
        _targets.UnionWith(current);
        return [.. current, .. _lingering.Keys];
    }

    /// <summary>
    /// Whether a direct heartbeat from <paramref name="from"/> is an arrival here: <see cref="DirectHeartbeats.Accepts"/>,
    /// and this node observes the sender (a lingering sender's heartbeats are not, so a node that stopped observing it
    /// judges it on gossip only).
    /// </summary>
    public bool Accepts(EndpointAddress from, GossipHeartbeat heartbeat) =>
        DirectHeartbeats.Accepts(_core, from, heartbeat) && Observes(from);

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
            if (endpoint != _core.LocalEndpoint && (EveryPeer || ObserversAt(i, _ring).Contains(_core.LocalEndpoint)))
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
        var wanted = EveryPeer ? ring.Count - 1 : _observers;
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
