using System.Buffers;
using System.Collections.Immutable;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// Hand-written binary codec for every gossip and transport control message.
/// Layout: format version (1 byte), message type (1 byte), body. Integers are big-endian, strings are a
/// 4-byte byte length followed by UTF-8, collections a 4-byte count followed by the elements.
/// </summary>
public sealed class WireCodec(CodecLimits limits)
{
    // Smallest encodings, used to refuse counts the remaining bytes could not possibly hold.
    private const int MinimumEndpointSize = 4 + 1 + 2;
    private const int MinimumDigestSize = MinimumEndpointSize + 4 + 4;
    private const int MinimumStateEntrySize = 4 + 4 + 4;
    private const int MinimumEndpointStateSize = MinimumEndpointSize + 4 + 4 + 4;

    public CodecLimits Limits { get; } = limits;

    /// <summary>The sender of a Hello whose protocol version this codec does not read beyond.</summary>
    public static EndpointAddress UnknownSender { get; } = new("unknown", 1);

    public byte[] Encode(IGossipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Wraps an opaque payload (an Akka.Remote PDU) with the header, so the transport's control messages and the
    /// payloads it carries share one framing and one decoder. The payload is not looked into.
    /// </summary>
    public byte[] EncodePayload(ReadOnlySpan<byte> payload, long sequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (payload.Length + PayloadHeaderSize > Limits.MaximumMessageSize)
        {
            throw new CodecException(
                "payload",
                0,
                $"{payload.Length} bytes exceed remote.maximum-message-size ({Limits.MaximumMessageSize} bytes)");
        }

        var bytes = new byte[PayloadHeaderSize + payload.Length];
        bytes[0] = WireFormat.FormatVersion;
        bytes[1] = (byte)WireMessageType.Payload;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(WireFormat.HeaderSize), sequence);
        payload.CopyTo(bytes.AsSpan(PayloadHeaderSize));
        return bytes;
    }

    /// <summary>The header and the sequence number in front of an opaque payload.</summary>
    public const int PayloadHeaderSize = WireFormat.HeaderSize + 8;

    /// <summary>
    /// Whether <paramref name="message"/> is an opaque payload, and its sequence number; the payload itself follows at
    /// <see cref="PayloadHeaderSize"/>, left where it is so the caller can hand it on without a copy.
    /// </summary>
    /// <exception cref="CodecException">The payload header is there but its sequence number is negative.</exception>
    public static bool TryReadPayloadHeader(ReadOnlySpan<byte> message, out long sequence)
    {
        sequence = 0;
        if (message.Length < PayloadHeaderSize || message[0] != WireFormat.FormatVersion || message[1] != (byte)WireMessageType.Payload)
        {
            return false;
        }

        sequence = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(message[WireFormat.HeaderSize..]);
        return sequence >= 0
            ? true
            : throw new CodecException("payload.sequence", WireFormat.HeaderSize, $"sequence number {sequence} is negative");
    }

    public byte[] Encode(ControlMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <returns>The number of bytes written.</returns>
    public int Encode(IGossipMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new WireWriter(output, Limits);
        switch (message)
        {
            case GossipDigestSyn syn:
                WriteHeader(writer, WireMessageType.Syn);
                writer.WriteString(syn.ClusterName, Limits.MaximumNameLength, "syn.cluster-name");
                WriteDigests(writer, syn.Digests, "syn.digests");
                break;
            case GossipDigestAck ack:
                WriteHeader(writer, WireMessageType.Ack);
                WriteDigests(writer, ack.Requests, "ack.requests");
                WriteStates(writer, ack.States, "ack.states");
                ClockStamps.WriteAckStamp(writer, ack);
                break;
            case GossipDigestAck2 ack2:
                WriteHeader(writer, WireMessageType.Ack2);
                WriteStates(writer, ack2.States, "ack2.states");
                ClockStamps.WriteAck2Stamps(writer, ack2);
                break;
            case GossipShutdown shutdown:
                WriteHeader(writer, WireMessageType.Shutdown);
                writer.WriteEndpoint(shutdown.Endpoint, "shutdown.endpoint");
                writer.WriteInt32(shutdown.Generation, "shutdown.generation");
                break;
            case Echo echo:
                WriteHeader(writer, WireMessageType.Echo);
                writer.WriteInt64(echo.Id, "echo.id");
                break;
            case EchoReply reply:
                WriteHeader(writer, WireMessageType.EchoReply);
                writer.WriteInt64(reply.Id, "echo-reply.id");
                break;
            case GossipHeartbeat heartbeat:
                WriteHeader(writer, WireMessageType.Heartbeat);
                writer.WriteInt32(heartbeat.Generation, "heartbeat.generation");
                if (heartbeat.SentAtMs is { } heartbeatSentAt)
                {
                    writer.WriteInt64(heartbeatSentAt, "heartbeat.sent-at");
                }

                break;
            case GossipWatch watch:
                WriteHeader(writer, WireMessageType.Watch);
                writer.WriteInt32(watch.Generation, "watch.generation");
                if (watch.Datagrams)
                {
                    writer.WriteByte(1, "watch.datagrams");
                }

                break;
            default:
                throw new CodecException("message", 0, $"no wire encoding for {message.GetType().Name}");
        }

        return writer.Written;
    }

    /// <returns>The number of bytes written.</returns>
    public int Encode(ControlMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        var writer = new WireWriter(output, Limits);
        switch (message)
        {
            case Hello hello:
                WriteHeader(writer, WireMessageType.Hello);
                writer.WriteUInt32(hello.Magic, "hello.magic");
                writer.WriteUInt16(hello.ProtocolVersion, "hello.protocol-version");
                writer.WriteString(hello.ClusterName, Limits.MaximumNameLength, "hello.cluster-name");
                writer.WriteEndpoint(hello.Sender, "hello.sender");
                writer.WriteGuid(hello.HostId, "hello.host-id");
                writer.WriteInt32(hello.Generation, "hello.generation");
                writer.WriteString(hello.DataCenter, Limits.MaximumNameLength, "hello.data-center");
                writer.WriteByte(hello.TlsEnabled ? (byte)1 : (byte)0, "hello.tls");
                writer.WriteGuid(hello.LinkId, "hello.link-id");
                break;
            case HelloAccepted accepted:
                WriteHeader(writer, WireMessageType.HelloAccepted);
                writer.WriteUInt16(accepted.ProtocolVersion, "hello-accepted.protocol-version");
                writer.WriteEndpoint(accepted.Sender, "hello-accepted.sender");
                writer.WriteGuid(accepted.HostId, "hello-accepted.host-id");
                writer.WriteInt32(accepted.Generation, "hello-accepted.generation");
                writer.WriteString(accepted.DataCenter, Limits.MaximumNameLength, "hello-accepted.data-center");
                writer.WriteByte(accepted.Resumed ? (byte)1 : (byte)0, "hello-accepted.resumed");
                break;
            case HelloRejected rejected:
                WriteHeader(writer, WireMessageType.HelloRejected);
                writer.WriteByte((byte)rejected.Reason, "hello-rejected.reason");
                writer.WriteString(rejected.LocalValue, Limits.MaximumReasonLength, "hello-rejected.local-value");
                writer.WriteString(rejected.RemoteValue, Limits.MaximumReasonLength, "hello-rejected.remote-value");
                writer.WriteString(rejected.Detail, Limits.MaximumReasonLength, "hello-rejected.detail");
                break;
            case KeepAlive:
                WriteHeader(writer, WireMessageType.KeepAlive);
                break;
            case PathProbe probe:
                WriteHeader(writer, WireMessageType.PathProbe);
                writer.WriteUInt32((uint)probe.PaddingLength, "path-probe.length");
                writer.WritePadding(probe.PaddingLength, "path-probe.padding");
                break;
            case PathReport report:
                WriteHeader(writer, WireMessageType.PathReport);
                writer.WriteString(report.Finding, Limits.MaximumReasonLength, "path-report.finding");
                break;
            case KeyringOffer offer:
                WriteHeader(writer, WireMessageType.KeyringOffer);
                writer.WriteByte(offer.Enabled ? (byte)1 : (byte)0, "keyring-offer.enabled");
                writer.WriteFixed(offer.Nonce, WireFormat.KeyringTokenSize, "keyring-offer.nonce");
                break;
            case KeyringChallenge challenge:
                WriteHeader(writer, WireMessageType.KeyringChallenge);
                writer.WriteFixed(challenge.Nonce, WireFormat.KeyringTokenSize, "keyring-challenge.nonce");
                writer.WriteFixed(challenge.Proof, WireFormat.KeyringTokenSize, "keyring-challenge.proof");
                break;
            case KeyringProof proof:
                WriteHeader(writer, WireMessageType.KeyringProof);
                writer.WriteFixed(proof.Proof, WireFormat.KeyringTokenSize, "keyring-proof.proof");
                break;
            case KeyringAccepted:
                WriteHeader(writer, WireMessageType.KeyringAccepted);
                break;
            default:
                throw new CodecException("message", 0, $"no wire encoding for {message.GetType().Name}");
        }

        return writer.Written;
    }

    /// <param name="compact">
    /// The receiving side of the connection's compact gossip; without it a compact SYN, ACK, ACK2 or heartbeat is refused (it can
    /// only be read against the table its connection built).
    /// </param>
    public DecodedMessage Decode(ReadOnlySpan<byte> data, CompactGossipDecoder? compact = null)
    {
        if (data.Length > Limits.MaximumMessageSize)
        {
            throw new CodecException(
                "message",
                0,
                $"{data.Length} bytes exceed remote.maximum-message-size ({Limits.MaximumMessageSize} bytes)");
        }

        var reader = new WireReader(data, Limits);
        var version = reader.ReadByte("format-version");
        if (version != WireFormat.FormatVersion)
        {
            throw new CodecException("format-version", 0, $"unsupported format version {version}; this node speaks {WireFormat.FormatVersion}");
        }

        var type = reader.ReadByte("message-type");
        if ((WireMessageType)type == WireMessageType.Payload)
        {
            throw new CodecException("message-type", 1, "an opaque payload is not a gossip or control message; read it with TryReadPayloadHeader");
        }

        DecodedMessage result = (WireMessageType)type switch
        {
            WireMessageType.Syn => new(ReadSyn(ref reader), null),
            WireMessageType.Ack => new(ReadAck(ref reader), null),
            WireMessageType.Ack2 => new(new GossipDigestAck2(ReadStates(ref reader, "ack2.states"), ClockStamps.ReadAck2Stamps(ref reader)), null),
            WireMessageType.Shutdown => new(
                new GossipShutdown(reader.ReadEndpoint("shutdown.endpoint"), reader.ReadNonNegativeInt32("shutdown.generation")),
                null),
            WireMessageType.CompactSyn or WireMessageType.CompactAck or WireMessageType.CompactAck2 or WireMessageType.CompactHeartbeat or WireMessageType.CompactStampedHeartbeat => new(
                (compact ?? throw new CodecException("message-type", 1, $"{(WireMessageType)type} arrived where no compact gossip table exists (only a connection of protocol 4 or later has one)"))
                    .Decode(ref reader, (WireMessageType)type),
                null),
            WireMessageType.Echo => new(new Echo(reader.ReadInt64("echo.id")), null),
            WireMessageType.EchoReply => new(new EchoReply(reader.ReadInt64("echo-reply.id")), null),
            WireMessageType.Heartbeat => new(ReadHeartbeat(ref reader), null),
            WireMessageType.Watch => new(ReadWatch(ref reader), null),
            WireMessageType.Hello => new(null, ReadHello(ref reader)),
            WireMessageType.HelloAccepted => new(null, ReadHelloAccepted(ref reader)),
            WireMessageType.HelloRejected => new(null, ReadHelloRejected(ref reader)),
            WireMessageType.KeepAlive => new(null, new KeepAlive()),
            WireMessageType.PathProbe => new(null, ReadPathProbe(ref reader)),
            WireMessageType.PathReport => new(null, new PathReport(reader.ReadString(reader.Limits.MaximumReasonLength, "path-report.finding"))),
            WireMessageType.KeyringOffer => new(null, ReadKeyringOffer(ref reader)),
            WireMessageType.KeyringChallenge => new(null, new KeyringChallenge(
                reader.ReadFixed(WireFormat.KeyringTokenSize, "keyring-challenge.nonce"),
                reader.ReadFixed(WireFormat.KeyringTokenSize, "keyring-challenge.proof"))),
            WireMessageType.KeyringProof => new(null, new KeyringProof(reader.ReadFixed(WireFormat.KeyringTokenSize, "keyring-proof.proof"))),
            WireMessageType.KeyringAccepted => new(null, new KeyringAccepted()),
            _ => throw new CodecException("message-type", 1, $"unknown message type {type}"),
        };
        reader.ExpectEnd(((WireMessageType)type).ToString());
        return result;
    }

    private static void WriteHeader(WireWriter writer, WireMessageType type)
    {
        writer.WriteByte(WireFormat.FormatVersion, "format-version");
        writer.WriteByte((byte)type, "message-type");
    }

    private static void WriteDigests(WireWriter writer, IReadOnlyList<GossipDigest> digests, string field)
    {
        writer.WriteCount(digests.Count, field + ".count");
        for (var i = 0; i < digests.Count; i++)
        {
            var digest = digests[i];
            var name = $"{field}[{i}]";
            writer.WriteEndpoint(digest.Endpoint, name + ".endpoint");
            writer.WriteInt32(digest.Generation, name + ".generation");
            writer.WriteNonNegativeInt32(digest.MaxVersion, name + ".max-version");
        }
    }

    private void WriteStates(WireWriter writer, IReadOnlyDictionary<EndpointAddress, EndpointState> states, string field)
    {
        writer.WriteCount(states.Count, field + ".count");
        var i = 0;
        foreach (var (endpoint, state) in states.OrderBy(kv => kv.Key))
        {
            var name = $"{field}[{i++}]";
            writer.WriteEndpoint(endpoint, name + ".endpoint");
            writer.WriteInt32(state.HeartBeat.Generation, name + ".generation");
            writer.WriteNonNegativeInt32(state.HeartBeat.Version, name + ".heartbeat-version");
            writer.WriteCount(state.ApplicationStates.Count, name + ".application-states.count");
            foreach (var (key, value) in state.ApplicationStates)
            {
                var keyField = $"{name}.application-states[{key}]";
                writer.WriteString(key, Limits.MaximumKeyLength, keyField + ".key");
                writer.WriteString(value.Value, Limits.MaximumMessageSize, keyField + ".value");
                writer.WriteNonNegativeInt32(value.Version, keyField + ".version");
            }
        }
    }

    private static GossipDigestSyn ReadSyn(ref WireReader reader)
    {
        var clusterName = reader.ReadString(reader.Limits.MaximumNameLength, "syn.cluster-name");
        return new GossipDigestSyn(clusterName, ReadDigests(ref reader, "syn.digests"));
    }

    private static GossipDigestAck ReadAck(ref WireReader reader)
    {
        var requests = ReadDigests(ref reader, "ack.requests");
        var states = ReadStates(ref reader, "ack.states");
        return new GossipDigestAck(requests, states, ClockStamps.ReadAckStamp(ref reader));
    }

    // A watch's datagram flag (protocol 7) trails its generation; a protocol 5 or 6 watch ends at the generation.
    private static GossipWatch ReadWatch(ref WireReader reader)
    {
        var generation = reader.ReadNonNegativeInt32("watch.generation");
        return new GossipWatch(generation, reader.Remaining > 0 && reader.ReadFlag("watch.datagrams"));
    }

    private static GossipHeartbeat ReadHeartbeat(ref WireReader reader)
    {
        var generation = reader.ReadNonNegativeInt32("heartbeat.generation");
        return new GossipHeartbeat(generation, reader.Remaining > 0 ? reader.ReadInt64("heartbeat.sent-at") : null);
    }

    private static ImmutableArray<GossipDigest> ReadDigests(ref WireReader reader, string field)
    {
        var count = reader.ReadCount(MinimumDigestSize, field + ".count");
        var digests = ImmutableArray.CreateBuilder<GossipDigest>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"{field}[{i}]";
            var endpoint = reader.ReadEndpoint(name + ".endpoint");
            var generation = reader.ReadNonNegativeInt32(name + ".generation");
            var maxVersion = reader.ReadNonNegativeInt32(name + ".max-version");
            digests.Add(new GossipDigest(endpoint, generation, maxVersion));
        }

        return digests.MoveToImmutable();
    }

    private static ImmutableSortedDictionary<EndpointAddress, EndpointState> ReadStates(ref WireReader reader, string field)
    {
        var count = reader.ReadCount(MinimumEndpointStateSize, field + ".count");
        var states = ImmutableSortedDictionary.CreateBuilder<EndpointAddress, EndpointState>();
        for (var i = 0; i < count; i++)
        {
            var name = $"{field}[{i}]";
            var at = reader.Offset;
            var endpoint = reader.ReadEndpoint(name + ".endpoint");
            if (states.ContainsKey(endpoint))
            {
                throw new CodecException(name + ".endpoint", at, $"endpoint {endpoint} appears twice");
            }

            var generation = reader.ReadNonNegativeInt32(name + ".generation");
            var heartBeatVersion = reader.ReadNonNegativeInt32(name + ".heartbeat-version");
            var entries = reader.ReadCount(MinimumStateEntrySize, name + ".application-states.count");
            var applicationStates = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
            for (var j = 0; j < entries; j++)
            {
                var keyAt = reader.Offset;
                var key = reader.ReadString(reader.Limits.MaximumKeyLength, $"{name}.application-states[{j}].key");
                if (key.Length == 0)
                {
                    throw new CodecException($"{name}.application-states[{j}].key", keyAt, "key is empty");
                }

                if (applicationStates.ContainsKey(key))
                {
                    throw new CodecException($"{name}.application-states[{j}].key", keyAt, $"key '{key}' appears twice");
                }

                var value = reader.ReadString(reader.Limits.MaximumMessageSize, $"{name}.application-states[{key}].value");
                var version = reader.ReadNonNegativeInt32($"{name}.application-states[{key}].version");
                applicationStates.Add(key, new VersionedValue(value, version));
            }

            states.Add(endpoint, new EndpointState(new HeartBeatState(generation, heartBeatVersion), applicationStates.ToImmutable()));
        }

        return states.ToImmutable();
    }

    private static Hello ReadHello(ref WireReader reader)
    {
        var magic = reader.ReadUInt32("hello.magic");
        if (magic != WireFormat.Magic)
        {
            throw new CodecException("hello.magic", WireFormat.HeaderSize, $"magic 0x{magic:X8} is not 0x{WireFormat.Magic:X8} ('GSPA')");
        }

        var protocolVersion = reader.ReadUInt16("hello.protocol-version");
        if (!WireFormat.Speaks(protocolVersion))
        {
            // Another version's Hello may be laid out differently: only its version is read, so the listener can
            // refuse it with the reason (both versions) instead of calling it malformed. The other fields are
            // placeholders that encode (a decoded message must), never shown: the refusal names the socket address.
            reader.Skip(reader.Remaining, "hello");
            return new Hello(magic, protocolVersion, string.Empty, UnknownSender, Guid.Empty, 0, string.Empty, false);
        }

        var clusterName = reader.ReadString(reader.Limits.MaximumNameLength, "hello.cluster-name");
        var sender = reader.ReadEndpoint("hello.sender");
        var hostId = reader.ReadGuid("hello.host-id");
        var generation = reader.ReadNonNegativeInt32("hello.generation");
        var dataCenter = reader.ReadString(reader.Limits.MaximumNameLength, "hello.data-center");
        var tls = reader.ReadFlag("hello.tls");
        var linkId = reader.ReadGuid("hello.link-id");
        return new Hello(magic, protocolVersion, clusterName, sender, hostId, generation, dataCenter, tls, linkId);
    }

    private static KeyringOffer ReadKeyringOffer(ref WireReader reader)
    {
        var enabled = reader.ReadFlag("keyring-offer.enabled");
        return new KeyringOffer(enabled, reader.ReadFixed(WireFormat.KeyringTokenSize, "keyring-offer.nonce"));
    }

    private static HelloAccepted ReadHelloAccepted(ref WireReader reader)
    {
        var protocolVersion = reader.ReadUInt16("hello-accepted.protocol-version");
        var sender = reader.ReadEndpoint("hello-accepted.sender");
        var hostId = reader.ReadGuid("hello-accepted.host-id");
        var generation = reader.ReadNonNegativeInt32("hello-accepted.generation");
        var dataCenter = reader.ReadString(reader.Limits.MaximumNameLength, "hello-accepted.data-center");
        var resumed = reader.ReadFlag("hello-accepted.resumed");

        return new HelloAccepted(protocolVersion, sender, hostId, generation, dataCenter, resumed);
    }

    private static HelloRejected ReadHelloRejected(ref WireReader reader)
    {
        var at = reader.Offset;
        var reason = reader.ReadByte("hello-rejected.reason");
        if (!Enum.IsDefined((RejectReason)reason))
        {
            throw new CodecException("hello-rejected.reason", at, $"unknown reject reason {reason}");
        }

        return new HelloRejected(
            (RejectReason)reason,
            reader.ReadString(reader.Limits.MaximumReasonLength, "hello-rejected.local-value"),
            reader.ReadString(reader.Limits.MaximumReasonLength, "hello-rejected.remote-value"),
            reader.ReadString(reader.Limits.MaximumReasonLength, "hello-rejected.detail"));
    }

    private static PathProbe ReadPathProbe(ref WireReader reader)
    {
        var at = reader.Offset;
        var length = reader.ReadUInt32("path-probe.length");
        if (length > (uint)reader.Remaining)
        {
            throw new CodecException("path-probe.length", at, $"length {length} exceeds the {reader.Remaining} bytes remaining");
        }

        reader.Skip((int)length, "path-probe.padding");
        return new PathProbe((int)length);
    }
}
