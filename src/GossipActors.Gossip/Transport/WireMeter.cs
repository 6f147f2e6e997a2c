using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// Counts what the messages sent by a sample of nodes cost with the real codecs, each with its frame header: in the
/// stateless format (<see cref="WireCodec"/>, protocol 3's gossip bytes) and in the compact per-connection encoding
/// (one <see cref="CompactGossipEncoder"/> per sender and receiver, as one gtcp connection would hold; a message over
/// the compact budget of 1500-byte-MTU frames goes stateless, as the transport sends it). Senders are sampled because a table
/// per link for every pair of a 1,000-node cluster would take gigabytes; nodes are alike, so a sample's mean is the
/// mean. Akka.Remote's envelope and TCP/IP headers are not included.
/// </summary>
public sealed class WireMeter(IReadOnlySet<EndpointAddress> senders)
{
    private static readonly CodecLimits Limits = new() { MaximumMessageSize = 256 * 1024 * 1024 };
    private static readonly int Budget = CompactGossipFormat.Budget(FrameFormat.MaximumFrameSize(1500, ipv6: false) - FrameFormat.FirstFrameHeaderSize);
    private readonly WireCodec _codec = new(Limits);
    private readonly Dictionary<(EndpointAddress From, EndpointAddress To), CompactGossipEncoder> _links = [];

    /// <summary>The number of sampled senders.</summary>
    public int Senders => senders.Count;

    public long StatelessBytes { get; private set; }

    public long CompactBytes { get; private set; }

    public void Observe(GossipEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!senders.Contains(envelope.From))
        {
            return;
        }

        var stateless = _codec.Encode(envelope.Message).Length + FrameFormat.FirstFrameHeaderSize;
        StatelessBytes += stateless;
        if (!_links.TryGetValue((envelope.From, envelope.To), out var encoder))
        {
            _links[(envelope.From, envelope.To)] = encoder = new CompactGossipEncoder(Limits);
        }

        CompactBytes += encoder.TryEncode(envelope.Message, Budget) is { } compact
            ? compact.Length + FrameFormat.FirstFrameHeaderSize
            : stateless;
    }
}
