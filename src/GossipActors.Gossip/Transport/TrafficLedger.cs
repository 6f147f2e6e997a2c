using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// The traffic counters of a simulated network: one per sending node and one per directed link, created on
/// first use. Not thread-safe; the network that owns it serializes access.
/// </summary>
internal sealed class TrafficLedger
{
    private readonly Dictionary<EndpointAddress, TrafficCounters> _nodes = [];
    private readonly Dictionary<(EndpointAddress From, EndpointAddress To), TrafficCounters> _links = [];

    /// <summary>The counters of <paramref name="endpoint"/>, created when it has none yet.</summary>
    public TrafficCounters Node(EndpointAddress endpoint) => GetOrAdd(_nodes, endpoint);

    /// <summary>The counters of the link from <paramref name="from"/> to <paramref name="to"/>, created when it has none yet.</summary>
    public TrafficCounters Link(EndpointAddress from, EndpointAddress to) => GetOrAdd(_links, (from, to));

    /// <summary>The counters of <paramref name="endpoint"/>, or fresh zeros (not kept) when nothing was counted.</summary>
    public TrafficCounters NodeOrEmpty(EndpointAddress endpoint) => _nodes.GetValueOrDefault(endpoint) ?? new TrafficCounters();

    /// <summary>The counters of a link, or fresh zeros (not kept) when nothing crossed it.</summary>
    public TrafficCounters LinkOrEmpty(EndpointAddress from, EndpointAddress to) => _links.GetValueOrDefault((from, to)) ?? new TrafficCounters();

    private static TrafficCounters GetOrAdd<TKey>(Dictionary<TKey, TrafficCounters> counters, TKey key)
        where TKey : notnull
    {
        if (!counters.TryGetValue(key, out var found))
        {
            found = new TrafficCounters();
            counters.Add(key, found);
        }

        return found;
    }
}
