using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Akka.Serialization;

/// <summary>
/// Gossip's messages on Akka.Remote, in the protocol's own binary codec (<see cref="WireCodec"/>), so the bytes
/// are exactly those of the wire format documented and fuzzed in GossipActors.Protocol, which stays free of Akka
/// types. A <see cref="GossipEnvelope"/> carries its sender and recipient endpoints in front of the message: an
/// inbound Akka association only knows the peer's ephemeral port, never its gossip identity.
/// </summary>
public sealed class GossipSerializer : SerializerWithStringManifest
{
    /// <summary>Unique among the system's serializers (Akka reserves 0-100).</summary>
    public const int Id = 1730;

    private const string EnvelopeManifest = "envelope";

    private static readonly Dictionary<Type, string> Manifests = new()
    {
        [typeof(GossipDigestSyn)] = "syn",
        [typeof(GossipDigestAck)] = "ack",
        [typeof(GossipDigestAck2)] = "ack2",
        [typeof(GossipShutdown)] = "shutdown",
        [typeof(Echo)] = "echo",
        [typeof(EchoReply)] = "echo-reply",
        [typeof(GossipHeartbeat)] = "heartbeat",
        [typeof(GossipWatch)] = "watch",
        [typeof(GossipEnvelope)] = EnvelopeManifest,
    };

    private static readonly HashSet<string> KnownManifests = [.. Manifests.Values];

    private readonly WireCodec _codec;

    /// <summary>
    /// For Akka, when the serializer is bound in HOCON (hocon/reference.conf does): the limits come from the system's
    /// configuration directly, because Akka creates serializers while the system itself is still being built.
    /// </summary>
    public GossipSerializer(ExtendedActorSystem system)
        : this(system, GossipExtension.CodecLimitsFrom(system?.Settings.Config ?? throw new ArgumentNullException(nameof(system))))
    {
    }

    public GossipSerializer(ExtendedActorSystem system, CodecLimits limits)
        : base(system) => _codec = new WireCodec(limits);

    public override int Identifier => Id;

    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not a gossip message", nameof(o));
    }

    public override byte[] ToBinary(object obj) => obj switch
    {
        GossipEnvelope envelope => EncodeEnvelope(envelope),
        IGossipMessage message => _codec.Encode(AsOldestProtocol(message)),
        _ => throw new ArgumentException($"{obj?.GetType()} is not a gossip message", nameof(obj)),
    };

    /// <exception cref="SerializationException">The bytes are not a valid gossip message; the message names the field.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!KnownManifests.Contains(manifest))
        {
            throw new SerializationException($"unknown gossip message manifest '{manifest}'");
        }

        try
        {
            return manifest == EnvelopeManifest ? DecodeEnvelope(bytes) : DecodeMessage(bytes, manifest);
        }
        catch (CodecException error)
        {
            throw new SerializationException($"malformed gossip {manifest} ({bytes.Length} bytes): {error.Message}", error);
        }
    }

    private IGossipMessage DecodeMessage(ReadOnlySpan<byte> bytes, string manifest)
    {
        var message = _codec.Decode(bytes).Gossip ?? throw new SerializationException($"gossip {manifest}: the bytes hold a transport control message, not gossip");
        return Manifests[message.GetType()] == manifest
            ? message
            : throw new SerializationException($"gossip {manifest}: the bytes hold a {Manifests[message.GetType()]}");
    }

    // Over Akka.Remote the peer's protocol version is not known: its messages go as the oldest version reads them
    // (no clock stamps), so a node of any version decodes them.
    private static IGossipMessage AsOldestProtocol(IGossipMessage message) => ProtocolDowngrade.ForPeer(message, WireFormat.OldestProtocolVersion);

    private byte[] EncodeEnvelope(GossipEnvelope envelope)
    {
        var from = Encoding.UTF8.GetBytes(envelope.From.ToString());
        var to = Encoding.UTF8.GetBytes(envelope.To.ToString());
        var message = _codec.Encode(AsOldestProtocol(envelope.Message));
        var bytes = new byte[2 + from.Length + 2 + to.Length + message.Length];
        var at = WriteText(bytes, 0, from);
        at = WriteText(bytes, at, to);
        message.CopyTo(bytes, at);
        return bytes;
    }

    private GossipEnvelope DecodeEnvelope(byte[] bytes)
    {
        var at = 0;
        var from = ReadEndpoint(bytes, ref at, "envelope.from");
        var to = ReadEndpoint(bytes, ref at, "envelope.to");
        var message = _codec.Decode(bytes.AsSpan(at)).Gossip ?? throw new SerializationException("gossip envelope: the bytes hold a transport control message, not gossip");
        return new GossipEnvelope(from, to, message);
    }

    private static int WriteText(byte[] bytes, int at, byte[] text)
    {
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), checked((ushort)text.Length));
        text.CopyTo(bytes, at + 2);
        return at + 2 + text.Length;
    }

    private static EndpointAddress ReadEndpoint(byte[] bytes, ref int at, string field)
    {
        if (bytes.Length - at < 2)
        {
            throw new SerializationException($"malformed gossip envelope: {field} is truncated");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
        if (bytes.Length - at - 2 < length)
        {
            throw new SerializationException($"malformed gossip envelope: {field} declares {length} bytes but {bytes.Length - at - 2} remain");
        }

        var text = Encoding.UTF8.GetString(bytes, at + 2, length);
        at += 2 + length;
        return EndpointAddress.TryParse(text, out var endpoint, out var error)
            ? endpoint
            : throw new SerializationException($"malformed gossip envelope: {field}: {error}");
    }
}
