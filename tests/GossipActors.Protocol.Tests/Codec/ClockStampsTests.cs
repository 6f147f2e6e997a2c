using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Codec;

/// <summary>A peer older than protocol 6 gets ACK, ACK2 and heartbeats byte for byte as protocol 5 wrote them; a newer one gets the stamps.</summary>
public sealed class ClockStampsTests
{
    private static readonly CodecLimits Limits = new() { MaximumMessageSize = 1 << 20 };
    private static readonly WireCodec Codec = new(Limits);
    private static readonly EndpointAddress Node = new("10.0.0.1", 7000);
    private static readonly EndpointStateList States = new(1) { { Node, EndpointState.Create(new HeartBeatState(5, 9)) } };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_older_peer_gets_the_messages_without_stamps_and_a_current_one_with_them(bool compact)
    {
        var ack = new GossipDigestAck([new GossipDigest(Node, 5, 3)], States, SentAtMs: 1_764_900_000_123);
        var ack2 = new GossipDigestAck2(States, new ClockEcho(1_764_900_000_123, 1_764_900_000_007));

        Assert.Equal(Encode(ack with { SentAtMs = null }, compact), Encode(ClockStamps.ForPeer(ack, WireFormat.OldestProtocolVersion), compact));
        Assert.Equal(Encode(ack2 with { Clock = null }, compact), Encode(ClockStamps.ForPeer(ack2, WireFormat.OldestProtocolVersion), compact));
        Assert.Same(ack, ClockStamps.ForPeer(ack, WireFormat.ProtocolVersion));

        Assert.Equal(8, Encode(ack, compact).Length - Encode(ack with { SentAtMs = null }, compact).Length);
        Assert.Equal(16, Encode(ack2, compact).Length - Encode(ack2 with { Clock = null }, compact).Length);
        var decoded = Assert.IsType<GossipDigestAck2>(Decode(Encode(ack2, compact), compact));
        Assert.Equal(ack2.Clock, decoded.Clock);
    }

    [Fact]
    public void A_stamped_heartbeat_costs_nine_bytes_more_and_an_older_peer_gets_the_two_byte_one()
    {
        var encoder = new CompactGossipEncoder(Limits);
        var decoder = new CompactGossipDecoder();
        _ = Codec.Decode(encoder.TryEncode(new GossipHeartbeat(7), 1_400)!, decoder);

        var stamped = encoder.TryEncode(new GossipHeartbeat(7, 1_764_900_000_123), 1_400)!;
        var plain = encoder.TryEncode(ClockStamps.ForPeer(new GossipHeartbeat(7, 1_764_900_000_123), WireFormat.OldestProtocolVersion), 1_400)!;
        var newGeneration = encoder.TryEncode(new GossipHeartbeat(8, 5), 1_400)!;

        Assert.Equal((11, 2), (stamped.Length, plain.Length));
        Assert.Equal(new GossipHeartbeat(7, 1_764_900_000_123), Codec.Decode(stamped, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(7), Codec.Decode(plain, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(8, 5), Codec.Decode(newGeneration, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(9, 3), Codec.Decode(Codec.Encode(new GossipHeartbeat(9, 3)), decoder).Gossip);
    }

    [Fact]
    public void A_truncated_stamp_is_refused_naming_the_field()
    {
        var bytes = Codec.Encode(new GossipDigestAck2(States, new ClockEcho(1, 2)));
        var error = Assert.Throws<CodecException>(() => Codec.Decode(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.Contains("ack2.sent-at", error.Message, StringComparison.Ordinal);
    }

    private static byte[] Encode(IGossipMessage message, bool compact) =>
        compact ? new CompactGossipEncoder(Limits).TryEncode(message, 1_400)! : Codec.Encode(message);

    private static IGossipMessage Decode(byte[] bytes, bool compact) =>
        Codec.Decode(bytes, compact ? new CompactGossipDecoder() : null).Gossip!;
}
