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

        Assert.Equal(Encode(ack with { SentAtMs = null }, compact), Encode(ProtocolDowngrade.ForPeer(ack, WireFormat.OldestProtocolVersion), compact));
        Assert.Equal(Encode(ack2 with { Clock = null }, compact), Encode(ProtocolDowngrade.ForPeer(ack2, WireFormat.OldestProtocolVersion), compact));
        Assert.Same(ack, ProtocolDowngrade.ForPeer(ack, WireFormat.ProtocolVersion));

        Assert.Equal(8, Encode(ack, compact).Length - Encode(ack with { SentAtMs = null }, compact).Length);
        Assert.Equal(16, Encode(ack2, compact).Length - Encode(ack2 with { Clock = null }, compact).Length);
        var decoded = Assert.IsType<GossipDigestAck2>(Decode(Encode(ack2, compact), compact));
        Assert.Equal(ack2.Clock, decoded.Clock);
    }

    [Fact]
    public void A_stamped_heartbeat_carries_its_clock_as_a_delta_after_the_first_and_an_older_peer_gets_the_two_byte_one()
    {
        var encoder = new CompactGossipEncoder(Limits);
        var decoder = new CompactGossipDecoder();
        _ = Codec.Decode(encoder.TryEncode(new GossipHeartbeat(7), 1_400)!, decoder);

        var first = encoder.TryEncode(new GossipHeartbeat(7, 1_764_900_000_123), 1_400)!;
        var next = encoder.TryEncode(new GossipHeartbeat(7, 1_764_900_000_623), 1_400)!;
        var plain = encoder.TryEncode(ProtocolDowngrade.ForPeer(new GossipHeartbeat(7, 1_764_900_001_123), WireFormat.OldestProtocolVersion), 1_400)!;
        var stepBack = encoder.TryEncode(new GossipHeartbeat(7, 1_764_900_000_500), 1_400)!;
        var jump = encoder.TryEncode(new GossipHeartbeat(8, 1_000), 1_400)!;

        // Header and flags, then 8 bytes absolute; then 500 ms later a 2-byte delta.
        Assert.Equal((11, 5, 2, 5), (first.Length, next.Length, plain.Length, stepBack.Length));
        Assert.Equal(new GossipHeartbeat(7, 1_764_900_000_123), Codec.Decode(first, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(7, 1_764_900_000_623), Codec.Decode(next, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(7), Codec.Decode(plain, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(7, 1_764_900_000_500), Codec.Decode(stepBack, decoder).Gossip);
        Assert.Equal(new GossipHeartbeat(8, 1_000), Codec.Decode(jump, decoder).Gossip);
        Assert.True(encoder.Table.SameAs(decoder.Table));
        Assert.Equal(new GossipHeartbeat(9, 3), Codec.Decode(Codec.Encode(new GossipHeartbeat(9, 3)), decoder).Gossip);
    }

    [Fact]
    public void A_stamp_delta_on_a_connection_that_carried_no_stamp_is_refused_naming_the_field()
    {
        var decoder = new CompactGossipDecoder();
        byte[] delta = [WireFormat.FormatVersion, (byte)WireMessageType.CompactStampedHeartbeat, CompactGossipFormat.HeartbeatGenerationFollows, 7, 2];
        var error = Assert.Throws<CodecException>(() => Codec.Decode(delta, decoder));
        Assert.Contains("heartbeat.sent-at", error.Message, StringComparison.Ordinal);
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
