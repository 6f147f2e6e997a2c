using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Codec;

public sealed class MalformedInputTests
{
    private static readonly CodecLimits SmallLimits = new() { MaximumMessageSize = 4096, MaximumCount = 100, MaximumNameLength = 32 };

    public static TheoryData<string, byte[], string> Cases()
    {
        var data = new TheoryData<string, byte[], string>
        {
            { "empty input", [], "format-version" },
            { "unknown format version", [9, 5, 0, 0, 0, 0, 0, 0, 0, 1], "format-version" },
            { "format version zero", [0, 5], "format-version" },
            { "missing type byte", [1], "message-type" },
            { "unknown message type", [1, 99], "message-type" },
            { "type zero", [1, 0], "message-type" },
            { "echo truncated id", [1, 5, 0, 0, 0], "echo.id" },
            { "echo reply truncated", [1, 6, 1], "echo-reply.id" },
            { "echo trailing byte", [1, 5, 0, 0, 0, 0, 0, 0, 0, 1, 7], "Echo" },
            { "keep-alive trailing byte", [1, 19, 0], "KeepAlive" },
            { "syn cluster length truncated", [1, 1, 0, 0], "syn.cluster-name.length" },
            { "syn cluster length over name cap", Bytes(1, 1).U32(33).Build(), "syn.cluster-name" },
            { "syn cluster length huge", Bytes(1, 1).U32(uint.MaxValue).Build(), "syn.cluster-name" },
            { "syn cluster bytes truncated", Bytes(1, 1).U32(5).Raw("ab").Build(), "syn.cluster-name" },
            { "syn cluster invalid utf8", Bytes(1, 1).U32(2).Raw(0xC3, 0x28).U32(0).Build(), "syn.cluster-name" },
            { "syn digest count over limit", Bytes(1, 1).Str("c").U32(101).Build(), "syn.digests.count" },
            { "syn digest count more than bytes", Bytes(1, 1).Str("c").U32(50).Build(), "syn.digests.count" },
            { "syn digest count missing", Bytes(1, 1).Str("c").Build(), "syn.digests.count" },
            { "digest empty host", Bytes(1, 1).Str("c").U32(1).Str("").U16(7000).I32(1).I32(1).Raw(0).Build(), "syn.digests[0].endpoint.host" },
            { "digest port zero", Bytes(1, 1).Str("c").U32(1).Str("h").U16(0).I32(1).I32(1).Build(), "syn.digests[0].endpoint.port" },
            { "digest negative generation", Bytes(1, 1).Str("c").U32(1).Str("h").U16(7000).I32(-1).I32(1).Build(), "syn.digests[0].generation" },
            { "digest negative max version", Bytes(1, 1).Str("c").U32(1).Str("h").U16(7000).I32(1).I32(-5).Build(), "syn.digests[0].max-version" },
            { "digest count covers a truncated digest", Bytes(1, 1).Str("c").U32(1).Str("h").U16(7000).I32(1).U16(0).Build(), "syn.digests.count" },
            { "second digest truncated", Bytes(1, 1).Str("c").U32(2).Str("h").U16(7000).I32(1).I32(1).Str("hostname").U16(1).I32(1).U16(0).Build(), "syn.digests[1].max-version" },
            { "digest host over name cap", Bytes(1, 1).Str("c").U32(1).Str(new string('h', 33)).U16(7000).I32(1).I32(1).Build(), "syn.digests[0].endpoint.host" },
            { "ack states count more than bytes", Bytes(1, 2).U32(0).U32(3).Build(), "ack.states.count" },
            { "ack2 duplicate endpoint", Ack2With(State("h", 7000, ("K", "v")), State("h", 7000, ("K", "v"))), "ack2.states[1].endpoint" },
            { "ack2 duplicate key", Ack2With(State("h", 7000, ("K", "v"), ("K", "w"))), "ack2.states[0].application-states[1].key" },
            { "ack2 empty key", Ack2With(State("h", 7000, ("", "v"))), "ack2.states[0].application-states[0].key" },
            { "ack2 negative heartbeat version", Bytes(1, 3).U32(1).Str("h").U16(1).I32(1).I32(-1).U32(0).Build(), "ack2.states[0].heartbeat-version" },
            { "ack2 entry count more than bytes", Bytes(1, 3).U32(1).Str("h").U16(1).I32(1).I32(1).U32(9).Build(), "ack2.states[0].application-states.count" },
            { "ack2 value over message cap", Bytes(1, 3).U32(1).Str("h").U16(1).I32(1).I32(1).U32(1).Str("K").U32(5000).Raw(0, 0, 0).Build(), "ack2.states[0].application-states[K].value" },
            { "ack2 negative value version", Bytes(1, 3).U32(1).Str("h").U16(1).I32(1).I32(1).U32(1).Str("K").Str("v").I32(-2).Build(), "ack2.states[0].application-states[K].version" },
            { "shutdown truncated generation", Bytes(1, 4).Str("h").U16(7000).U16(0).Build(), "shutdown.generation" },
            { "shutdown negative generation", Bytes(1, 4).Str("h").U16(7000).I32(-7).Build(), "shutdown.generation" },
            { "hello wrong magic", Bytes(1, 16).U32(0x48545450).Build(), "hello.magic" },
            { "hello truncated protocol version", Bytes(1, 16).U32(WireFormat.Magic).Raw(0).Build(), "hello.protocol-version" },
            { "hello truncated host id", Bytes(1, 16).U32(WireFormat.Magic).U16(WireFormat.ProtocolVersion).Str("c").Str("h").U16(7000).Raw(1, 2, 3).Build(), "hello.host-id" },
            { "hello tls flag 2", HelloBytes(tls: 2), "hello.tls" },
            { "hello negative generation", Bytes(1, 16).U32(WireFormat.Magic).U16(WireFormat.ProtocolVersion).Str("c").Str("h").U16(7000).Raw(new byte[16]).I32(-1).Build(), "hello.generation" },
            { "reject unknown reason", Bytes(1, 18).Raw(77).Str("a").Str("b").Str("c").Build(), "hello-rejected.reason" },
            { "reject truncated detail", Bytes(1, 18).Raw(1).Str("a").Str("b").U32(10).Build(), "hello-rejected.detail" },
            { "probe length beyond data", Bytes(1, 20).U32(100).Raw(0, 0).Build(), "path-probe.length" },
            { "keyring offer flag 2", Bytes(1, 23).Raw(2).Raw(new byte[WireFormat.KeyringTokenSize]).Build(), "keyring-offer.enabled" },
            { "keyring offer short nonce", Bytes(1, 23).Raw(1).Raw(new byte[WireFormat.KeyringTokenSize - 1]).Build(), "keyring-offer.nonce" },
            { "keyring challenge short proof", Bytes(1, 24).Raw(new byte[WireFormat.KeyringTokenSize]).Raw(new byte[3]).Build(), "keyring-challenge.proof" },
            { "keyring proof with trailing bytes", Bytes(1, 25).Raw(new byte[WireFormat.KeyringTokenSize + 1]).Build(), "KeyringProof" },
            { "accepted missing data centre", Bytes(1, 17).U16(1).Str("h").U16(1).Raw(new byte[16]).I32(1).Build(), "hello-accepted.data-center.length" },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_input_is_a_codec_exception_naming_the_field(string description, byte[] input, string expectedField)
    {
        var codec = new WireCodec(SmallLimits);
        var error = Assert.Throws<CodecException>(() => codec.Decode(input));
        Assert.True(expectedField == error.Field, $"{description}: expected field {expectedField}, got {error.Field} ({error.Message})");
        Assert.InRange(error.Offset, 0, input.Length);
        Assert.Contains(error.Field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void There_are_at_least_thirty_malformed_cases()
    {
        Assert.True(Cases().Count >= 30);
    }

    [Fact]
    public void Input_over_the_message_size_limit_is_refused_before_parsing()
    {
        var codec = new WireCodec(SmallLimits);
        var error = Assert.Throws<CodecException>(() => codec.Decode(new byte[4097]));
        Assert.Contains("remote.maximum-message-size (4096 bytes)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offsets_point_at_the_start_of_the_bad_field()
    {
        var input = Bytes(1, 1).Str("c").U32(1).Str("h").U16(7000).I32(-1).I32(1).Build();
        var error = Assert.Throws<CodecException>(() => new WireCodec(new CodecLimits { MaximumMessageSize = 1 << 20 }).Decode(input));
        Assert.Equal(2 + 5 + 4 + 5 + 2, error.Offset);
    }

    [Fact]
    public void Truncating_or_corrupting_any_valid_message_only_ever_throws_codec_exceptions()
    {
        var codec = new WireCodec(SmallLimits);
        var property = Prop.ForAll(
            WireGenerators.GossipMessages.Zip(Gen.Choose(0, 1000).Zip(Gen.Choose(0, 255))).ToArbitrary(),
            input =>
            {
                var (message, (position, value)) = input;
                byte[] bytes;
                try
                {
                    bytes = codec.Encode(message);
                }
                catch (CodecException)
                {
                    return true;
                }

                var truncated = bytes[..(position % bytes.Length)];
                var corrupted = (byte[])bytes.Clone();
                corrupted[position % bytes.Length] = (byte)value;
                return DecodesOrThrowsCodecException(codec, truncated) && DecodesOrThrowsCodecException(codec, corrupted);
            });
        Check.One(WireGenerators.Deterministic(500), property);
    }

    private static bool DecodesOrThrowsCodecException(WireCodec codec, byte[] input)
    {
        try
        {
            codec.Decode(input);
            return true;
        }
        catch (CodecException)
        {
            return true;
        }
    }

    private static byte[] HelloBytes(byte tls) =>
        Bytes(1, 16).U32(WireFormat.Magic).U16(WireFormat.ProtocolVersion).Str("c").Str("h").U16(7000).Raw(new byte[16]).I32(1).Str("dc").Raw(tls).Build();

    private static (string Host, int Port, (string Key, string Value)[] Entries) State(string host, int port, params (string Key, string Value)[] entries) =>
        (host, port, entries);

    private static byte[] Ack2With(params (string Host, int Port, (string Key, string Value)[] Entries)[] states)
    {
        var builder = Bytes(1, 3).U32((uint)states.Length);
        foreach (var (host, port, entries) in states)
        {
            builder.Str(host).U16((ushort)port).I32(1).I32(1).U32((uint)entries.Length);
            foreach (var (key, value) in entries)
            {
                builder.Str(key).Str(value).I32(1);
            }
        }

        return builder.Build();
    }

    private static ByteBuilder Bytes(params byte[] start) => new ByteBuilder().Raw(start);

    private sealed class ByteBuilder
    {
        private readonly List<byte> _bytes = [];

        public ByteBuilder Raw(params byte[] bytes)
        {
            _bytes.AddRange(bytes);
            return this;
        }

        public ByteBuilder Raw(string ascii) => Raw(Encoding.ASCII.GetBytes(ascii));

        public ByteBuilder U16(ushort value)
        {
            var buffer = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
            return Raw(buffer);
        }

        public ByteBuilder U32(uint value)
        {
            var buffer = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(buffer, value);
            return Raw(buffer);
        }

        public ByteBuilder I32(int value) => U32(unchecked((uint)value));

        public ByteBuilder Str(string value)
        {
            var utf8 = Encoding.UTF8.GetBytes(value);
            return U32((uint)utf8.Length).Raw(utf8);
        }

        public byte[] Build() => [.. _bytes];
    }
}
