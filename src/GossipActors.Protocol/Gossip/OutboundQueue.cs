using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

public enum OfferResult
{
    /// <summary>Nothing was in flight to that peer: send it now.</summary>
    SendNow,

    /// <summary>Something is in flight: it waits in the peer's slot for its kind.</summary>
    Queued,

    /// <summary>It waits, and it replaced an older message of the same kind that was waiting.</summary>
    ReplacedOlder,
}

/// <summary>
/// At most one message in flight per peer, and at most one waiting per peer and message kind: a newer
/// SYN/ACK/ACK2 replaces the waiting older one, because its state is newer anyway. A slow or stuck peer
/// therefore costs a bounded amount of memory (Cassandra's unbounded ACK backlog is the pain this avoids).
/// The transport calls <see cref="Offer"/> before sending and <see cref="Completed"/> when a send finished
/// (delivered, failed or timed out), and sends whatever <see cref="Completed"/> returns.
/// </summary>
public sealed class OutboundQueue
{
    // Drain order: control messages first, then finish exchanges before opening new ones. A heartbeat and a watch are
    // kinds of their own, so one never replaces the other.
    private static readonly Type[] Kinds =
    [
        typeof(GossipShutdown), typeof(EchoReply), typeof(Echo), typeof(GossipHeartbeat), typeof(GossipWatch),
        typeof(GossipDigestAck2), typeof(GossipDigestAck), typeof(GossipDigestSyn),
    ];

    private readonly Dictionary<EndpointAddress, Slot> _slots = [];

    public long ReplacedCount { get; private set; }

    public int WaitingCount { get; private set; }

    public bool IsInFlight(EndpointAddress peer) => _slots.TryGetValue(peer, out var slot) && slot.InFlight;

    public OfferResult Offer(GossipEnvelope envelope)
    {
        if (!_slots.TryGetValue(envelope.To, out var slot))
        {
            slot = new Slot();
            _slots.Add(envelope.To, slot);
        }

        if (!slot.InFlight)
        {
            slot.InFlight = true;
            return OfferResult.SendNow;
        }

        var kind = KindOf(envelope.Message);
        if (slot.Waiting[kind] is not null)
        {
            slot.Waiting[kind] = envelope;
            ReplacedCount++;
            return OfferResult.ReplacedOlder;
        }

        slot.Waiting[kind] = envelope;
        WaitingCount++;
        return OfferResult.Queued;
    }

    /// <summary>The send to <paramref name="peer"/> finished; returns the next message to send to it, if any.</summary>
    public GossipEnvelope? Completed(EndpointAddress peer)
    {
        if (!_slots.TryGetValue(peer, out var slot))
        {
            return null;
        }

        for (var kind = 0; kind < slot.Waiting.Length; kind++)
        {
            if (slot.Waiting[kind] is { } next)
            {
                slot.Waiting[kind] = null;
                WaitingCount--;
                return next;
            }
        }

        _slots.Remove(peer);
        return null;
    }

    private static int KindOf(IGossipMessage message)
    {
        var index = Array.IndexOf(Kinds, message.GetType());
        return index < 0 ? Kinds.Length : index;
    }

    private sealed class Slot
    {
        public bool InFlight { get; set; }

        // One slot per known kind plus one for any other message type.
        public GossipEnvelope?[] Waiting { get; } = new GossipEnvelope?[Kinds.Length + 1];
    }
}
