using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Endpoints removed recently. Gossip about them is ignored until the quarantine delay has passed, so a
/// peer that has not heard of the removal yet cannot bring the endpoint back.
/// </summary>
public sealed class QuarantineList(long delayMs)
{
    private readonly Dictionary<EndpointAddress, long> _since = [];

    public int Count => _since.Count;

    public void Add(EndpointAddress endpoint, long nowMs) => _since[endpoint] = nowMs;

    public bool IsQuarantined(EndpointAddress endpoint) => _since.Count > 0 && _since.ContainsKey(endpoint);

    public long? QuarantinedSince(EndpointAddress endpoint) => _since.TryGetValue(endpoint, out var since) ? since : null;

    /// <summary>Lifts every quarantine older than the delay and returns those endpoints.</summary>
    public IReadOnlyList<EndpointAddress> Expire(long nowMs)
    {
        if (_since.Count == 0)
        {
            return [];
        }

        var expired = _since.Where(item => nowMs - item.Value >= delayMs).Select(item => item.Key).ToList();
        foreach (var endpoint in expired)
        {
            _since.Remove(endpoint);
        }

        return expired;
    }
}
