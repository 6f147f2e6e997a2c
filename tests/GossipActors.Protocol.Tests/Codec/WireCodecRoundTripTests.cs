using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Codec;

public sealed class WireCodecRoundTripTests
{
    private readonly WireCodec _codec = new(new CodecLimits { MaximumMessageSize = 16 * 1024 * 1024 });

    [Fact]
    public void Every_gossip_message_survives_a_round_trip()
    {
        var property = Prop.ForAll(WireGenerators.GossipMessages.ToArbitrary(), message =>
        {
            var decoded = _codec.Decode(_codec.Encode(message));
            return decoded.Control is null && WireGenerators.SameMessage(message, decoded.Gossip!);
        });
        Check.One(WireGenerators.Deterministic(), property);
    }

    [Fact]
    public void The_highest_version_round_trips_and_a_negative_one_is_refused_when_encoded_not_by_every_peer()
    {
        var endpoint = new EndpointAddress("10.0.0.1", 7000);
        var pinned = EndpointState.Create(new HeartBeatState(1_700_000_000, int.MaxValue)).With("STATUS", new VersionedValue("shutdown,true", int.MaxValue));
        var ack2 = new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [endpoint] = pinned });
        var decoded = (GossipDigestAck2)_codec.Decode(_codec.Encode(ack2)).Gossip!;
        Assert.Equal(pinned, decoded.States[endpoint]);

        var wrapped = pinned with { HeartBeat = new HeartBeatState(1_700_000_000, unchecked(int.MaxValue + 2)) };
        var error = Assert.Throws<CodecException>(() => _codec.Encode(new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [endpoint] = wrapped })));
        Assert.Contains("heartbeat-version", error.Message, StringComparison.Ordinal);
        Assert.Contains("is negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_control_message_survives_a_round_trip()
    {
        var property = Prop.ForAll(WireGenerators.ControlMessages.ToArbitrary(), message =>
        {
            var decoded = _codec.Decode(_codec.Encode(message));
            return decoded.Gossip is null && Equals(message, decoded.Control);
        });
        Check.One(WireGenerators.Deterministic(), property);
    }

    [Fact]
    public void A_hello_of_another_protocol_version_decodes_to_its_version_whatever_its_layout_so_it_can_be_refused_with_the_reason()
    {
        var current = _codec.Encode(new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, "prod", new EndpointAddress("10.0.0.1", 7000), Guid.Empty, 1, "dc1", false));
        var older = current.ToArray();
        older[6] = 0;
        older[7] = 2;
        byte[] newer = [.. current, 1, 2, 3];
        newer[7] = (byte)(WireFormat.ProtocolVersion + 1);

        Assert.Equal(2, ((Hello)_codec.Decode(older).Control!).ProtocolVersion);
        Assert.Equal(WireFormat.ProtocolVersion + 1, ((Hello)_codec.Decode(newer).Control!).ProtocolVersion);
    }

    [Fact]
    public void Encoding_is_deterministic_whatever_the_dictionary_order()
    {
        var a = new EndpointAddress("10.0.0.1", 7000);
        var b = new EndpointAddress("10.0.0.2", 7000);
        var state = EndpointState.Create(new HeartBeatState(1, 2));
        var forward = new Dictionary<EndpointAddress, EndpointState> { [a] = state, [b] = state };
        var backward = new Dictionary<EndpointAddress, EndpointState> { [b] = state, [a] = state };
        Assert.Equal(_codec.Encode(new GossipDigestAck2(forward)), _codec.Encode(new GossipDigestAck2(backward)));
    }

    [Fact]
    public void A_37_kilobyte_ack_round_trips_and_its_size_is_what_the_framing_tests_assume()
    {
        var ack = LargeAck(37 * 1024);
        var bytes = _codec.Encode(ack);
        Assert.InRange(bytes.Length, 37 * 1024, (37 * 1024) + 200);
        Assert.True(WireGenerators.SameMessage(ack, _codec.Decode(bytes).Gossip!));
    }

    [Fact]
    public void Echo_layout_is_fixed_big_endian()
    {
        Assert.Equal(new byte[] { 1, 5, 0, 0, 0, 0, 0, 0, 1, 2 }, _codec.Encode(new Echo(258)));
    }

    [Fact]
    public void Encoding_a_message_over_the_size_limit_names_the_limit()
    {
        var codec = new WireCodec(new CodecLimits { MaximumMessageSize = 1000 });
        var error = Assert.Throws<CodecException>(() => codec.Encode(LargeAck(5000)));
        Assert.Contains("limit of 1000 bytes (remote.maximum-message-size)", error.Message, StringComparison.Ordinal);
        Assert.Contains("ack.states[0].application-states[BLOB].value", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void Encoding_into_a_caller_buffer_reports_the_byte_count()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = _codec.Encode(new KeepAlive(), buffer);
        Assert.Equal(2, written);
        Assert.Equal(new byte[] { 1, 19 }, buffer.WrittenSpan.ToArray());
    }

    internal static GossipDigestAck LargeAck(int blobLength)
    {
        var endpoint = new EndpointAddress("10.77.2.2", 7000);
        var state = EndpointState.Create(new HeartBeatState(1_700_000_000, 12))
            .With("BLOB", new VersionedValue(new string('x', blobLength), 11))
            .With(ApplicationStateKeys.Status, new VersionedValue("NORMAL", 3));
        return new GossipDigestAck([], new Dictionary<EndpointAddress, EndpointState> { [endpoint] = state });
    }

    [Fact]
    public void An_opaque_payload_is_recognised_by_its_header_with_its_sequence_and_is_not_a_gossip_message()
    {
        var framed = _codec.EncodePayload([1, 2, 3], sequence: 7);

        Assert.True(WireCodec.TryReadPayloadHeader(framed, out var sequence));
        Assert.Equal(7, sequence);
        Assert.Equal(new byte[] { 1, 2, 3 }, framed[WireCodec.PayloadHeaderSize..]);
        Assert.False(WireCodec.TryReadPayloadHeader(_codec.Encode(new Echo(1)), out _));
        Assert.Throws<CodecException>(() => _codec.Decode(framed));

        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(framed.AsSpan(WireFormat.HeaderSize), -1);
        Assert.Equal("payload.sequence", Assert.Throws<CodecException>(() => WireCodec.TryReadPayloadHeader(framed, out _)).Field);
    }
}
