using System.Collections.Immutable;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec.Compact;

/// <summary>
/// The receiving side of one connection's compact gossip: rebuilds the sender's <see cref="CompactGossipTable"/> from
/// the messages in the order they arrive. A reference to an index the table does not hold, a key never named, or a
/// table grown past its bounds is a <see cref="CodecException"/> naming the field and the offset: the connection
/// refuses the message and closes, the node goes on. A message that fails leaves the table as it was.
/// </summary>
public sealed class CompactGossipDecoder
{
    /// <summary>The protocol the connection speaks, once its handshake settled it (see <see cref="CompactGossipEncoder.PeerProtocolVersion"/>).</summary>
    public ushort PeerProtocolVersion { get; set; } = WireFormat.ProtocolVersion;

    public CompactGossipTable Table { get; } = new();

    internal IGossipMessage Decode(ref WireReader reader, WireMessageType type)
    {
        var at = reader.Offset;
        if (type is WireMessageType.CompactHeartbeat or WireMessageType.CompactStampedHeartbeat)
        {
            return ReadHeartbeat(ref reader, type);
        }

        var check = reader.ReadByte("table-check");
        if (check != (byte)Table.EndpointCount)
        {
            // The sender's table is not this one: reading on would misread its indexes and deltas.
            throw new CodecException("table-check", at, $"the message was written against a table of {check} endpoints (modulo 256) but this connection's table holds {Table.EndpointCount}");
        }

        Table.Begin();
        try
        {
            IGossipMessage message = type switch
            {
                WireMessageType.CompactSyn => ReadSyn(ref reader),
                WireMessageType.CompactAck => ReadAck(ref reader),
                WireMessageType.CompactAck2 => new GossipDigestAck2(ReadStates(ref reader, "ack2.states"), ClockStamps.ReadAck2Stamps(ref reader)),
                _ => throw new CodecException("message-type", 1, $"{type} is not a compact gossip message"),
            };
            reader.ExpectEnd(type.ToString());
            Table.Commit();
            return message;
        }
        catch
        {
            Table.Rollback();
            throw;
        }
    }

    private GossipDigestSyn ReadSyn(ref WireReader reader)
    {
        var at = reader.Offset;
        var flags = reader.ReadByte("syn.flags");
        if ((flags & ~CompactGossipFormat.ClusterNameFollows) != 0)
        {
            throw new CodecException("syn.flags", at, $"unknown flags 0x{flags:X2}");
        }

        string clusterName;
        if ((flags & CompactGossipFormat.ClusterNameFollows) != 0)
        {
            clusterName = reader.ReadShortString(reader.Limits.MaximumNameLength, "syn.cluster-name");
            Table.CarryClusterName(clusterName);
        }
        else
        {
            clusterName = Table.ClusterName ?? throw new CodecException("syn.flags", at, "the SYN refers to the cluster name of an earlier SYN, but none came on this connection");
        }

        return new GossipDigestSyn(clusterName, ReadDigests(ref reader, "syn.digests"));
    }

    private GossipHeartbeat ReadHeartbeat(ref WireReader reader, WireMessageType type)
    {
        var at = reader.Offset;
        bool generationFollows;
        var stampAbsolute = false;
        if (type == WireMessageType.CompactStampedHeartbeat)
        {
            var flags = reader.ReadByte("heartbeat.flags");
            if ((flags & ~(CompactGossipFormat.HeartbeatGenerationFollows | CompactGossipFormat.HeartbeatStampAbsolute)) != 0)
            {
                throw new CodecException("heartbeat.flags", at, $"unknown flags 0x{flags:X2}");
            }

            generationFollows = (flags & CompactGossipFormat.HeartbeatGenerationFollows) != 0;
            stampAbsolute = (flags & CompactGossipFormat.HeartbeatStampAbsolute) != 0;
        }
        else
        {
            generationFollows = reader.Remaining > 0;
        }

        var generation = generationFollows
            ? reader.ReadVarInt32(int.MaxValue, "heartbeat.generation")
            : Table.HeartbeatGeneration ?? throw new CodecException("heartbeat.generation", at, "the heartbeat refers to the generation of an earlier heartbeat, but none came on this connection");
        long? sentAt = null;
        if (type == WireMessageType.CompactStampedHeartbeat)
        {
            var stampAt = reader.Offset;
            sentAt = stampAbsolute
                ? reader.ReadInt64("heartbeat.sent-at")
                : Delta(Table.HeartbeatStampMs ?? throw new CodecException("heartbeat.sent-at", stampAt, "the heartbeat's clock is a delta from an earlier stamped heartbeat, but none came on this connection"),
                    reader.ReadZigZag("heartbeat.sent-at"), stampAt);
        }

        reader.ExpectEnd(type.ToString());
        Table.HeartbeatGeneration = generation;
        Table.HeartbeatStampMs = sentAt ?? Table.HeartbeatStampMs;
        return new GossipHeartbeat(generation, sentAt);
    }

    private GossipDigestAck ReadAck(ref WireReader reader)
    {
        var requests = ReadDigests(ref reader, "ack.requests");
        var states = ReadStates(ref reader, "ack.states");
        return new GossipDigestAck(requests, states, ClockStamps.ReadAckStamp(ref reader));
    }

    private ImmutableArray<GossipDigest> ReadDigests(ref WireReader reader, string field)
    {
        var (known, fresh) = ReadListHead(ref reader, field);
        var digests = ImmutableArray.CreateBuilder<GossipDigest>(known.Count + fresh);
        foreach (var index in known)
        {
            var (generation, version, _) = ReadKnown(ref reader, index, headBits: 0, field);
            digests.Add(new GossipDigest(Table.EndpointAt(index), generation, version));
        }

        for (var i = 0; i < fresh; i++)
        {
            var (endpoint, generation, version) = ReadNew(ref reader, $"{field}.new[{i}]");
            digests.Add(new GossipDigest(endpoint, generation, version));
        }

        return digests.ToImmutable();
    }

    private EndpointStateList ReadStates(ref WireReader reader, string field)
    {
        var (known, fresh) = ReadListHead(ref reader, field);
        var states = new EndpointStateList(known.Count + fresh);
        foreach (var index in known)
        {
            var (generation, version, head) = ReadKnown(ref reader, index, headBits: 1, field);
            var applicationStates = (head & CompactGossipFormat.StateHasApplicationStates) != 0
                ? ReadApplicationStates(ref reader, $"{field}[{Table.EndpointAt(index)}]")
                : ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal);
            states.Add(Table.EndpointAt(index), new EndpointState(new HeartBeatState(generation, version), applicationStates));
        }

        for (var i = 0; i < fresh; i++)
        {
            var name = $"{field}.new[{i}]";
            var (endpoint, generation, version) = ReadNew(ref reader, name);
            states.Add(endpoint, new EndpointState(new HeartBeatState(generation, version), ReadApplicationStates(ref reader, name)));
        }

        return states;
    }

    /// <summary>The known endpoints a list holds (each checked against the table) and how many new ones follow.</summary>
    private (List<int> Known, int Fresh) ReadListHead(ref WireReader reader, string field)
    {
        var at = reader.Offset;
        var head = reader.ReadVarUInt32(field + ".head");
        var declared = head >> 2;
        var indexes = new List<int>();
        if ((head & CompactGossipFormat.ListHasEveryKnownEndpoint) != 0)
        {
            if (declared != 0 || Table.EndpointCount == 0)
            {
                throw new CodecException(field + ".head", at, Table.EndpointCount == 0
                    ? "the list names every endpoint of this connection's table, which is empty"
                    : "the list names every known endpoint and a bitmap too");
            }

            indexes.AddRange(Enumerable.Range(0, Table.EndpointCount));
        }
        else if (declared > (uint)(Table.EndpointCount + 7) / 8)
        {
            throw new CodecException(field + ".bitmap", at, $"a {declared}-byte bitmap names endpoint indexes that are not in this connection's table ({Table.EndpointCount} endpoints)");
        }

        for (var b = 0; b < (int)declared; b++)
        {
            var bits = reader.ReadByte(field + ".bitmap");
            for (var bit = 0; bit < 8; bit++)
            {
                if ((bits & (1 << bit)) == 0)
                {
                    continue;
                }

                var index = (b * 8) + bit;
                if (index >= Table.EndpointCount)
                {
                    throw new CodecException(field + ".bitmap", at, $"endpoint index {index} is not in this connection's table ({Table.EndpointCount} endpoints)");
                }

                indexes.Add(index);
            }
        }

        var fresh = 0;
        if ((head & CompactGossipFormat.ListHasNewEndpoints) != 0)
        {
            var countAt = reader.Offset;
            fresh = reader.ReadVarInt32(CompactGossipTable.MaximumEndpoints, field + ".new-count");
            if ((long)fresh * CompactGossipFormat.MinimumNewEndpointSize > reader.Remaining)
            {
                throw new CodecException(field + ".new-count", countAt, $"count {fresh} needs at least {(long)fresh * CompactGossipFormat.MinimumNewEndpointSize} bytes but only {reader.Remaining} remain");
            }
        }

        return (indexes, fresh);
    }

    private (int Generation, int Version, uint Head) ReadKnown(ref WireReader reader, int index, int headBits, string field)
    {
        var at = reader.Offset;
        var head = reader.ReadVarUInt32(field + ".head");
        int generation;
        int version;
        if ((head & (1u << headBits)) != 0)
        {
            generation = Checked(Table.GenerationAt(index) + reader.ReadZigZag(field + ".generation"), field + ".generation", at);
            version = reader.ReadVarInt32(int.MaxValue, field + ".version");
        }
        else
        {
            var zigzag = head >> (headBits + 1);
            var delta = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
            generation = Table.GenerationAt(index);
            version = Checked(Table.VersionAt(index) + delta, field + ".version", at);
        }

        Table.Carry(index, generation, version);
        return (generation, version, head);
    }

    private (EndpointAddress Endpoint, int Generation, int Version) ReadNew(ref WireReader reader, string field)
    {
        var at = reader.Offset;
        var host = reader.ReadShortString(reader.Limits.MaximumNameLength, field + ".endpoint.host");
        var shortForm = PeerProtocolVersion >= CompactGossipFormat.ShortNewEndpointsVersion;
        if (host.Length == 0)
        {
            host = shortForm
                ? new System.Net.IPAddress(reader.ReadFixed(4, field + ".endpoint.host")).ToString()
                : throw new CodecException(field + ".endpoint.host", at, "host is empty");
        }

        var portAt = reader.Offset;
        var port = reader.ReadVarInt32(65535, field + ".endpoint.port");
        if (port == 0)
        {
            throw new CodecException(field + ".endpoint.port", portAt, "port 0 is not a valid port");
        }

        var endpoint = new EndpointAddress(host, port);
        var generationAt = reader.Offset;
        var generation = shortForm
            ? CompactGossipFormat.LastNewGeneration(Table) + reader.ReadZigZag(field + ".generation") is var sum && sum is >= 0 and <= int.MaxValue
                ? (int)sum
                : throw new CodecException(field + ".generation", generationAt, $"the generation delta makes {sum}, outside 0-{int.MaxValue}")
            : reader.ReadVarInt32(int.MaxValue, field + ".generation");
        var version = reader.ReadVarInt32(int.MaxValue, field + ".version");
        if (Table.TryGetIndex(endpoint, out _))
        {
            throw new CodecException(field + ".endpoint", at, $"endpoint {endpoint} is named as new though this connection's table holds it");
        }

        if (Table.EndpointCount >= CompactGossipTable.MaximumEndpoints)
        {
            throw new CodecException(field + ".endpoint", at, $"the peer names more than {CompactGossipTable.MaximumEndpoints} endpoints on one connection");
        }

        Table.Add(endpoint, generation, version);
        return (endpoint, generation, version);
    }

    private ImmutableSortedDictionary<string, VersionedValue> ReadApplicationStates(ref WireReader reader, string field)
    {
        var at = reader.Offset;
        var count = reader.ReadVarInt32(reader.Limits.MaximumCount, field + ".application-states.count");
        if ((long)count * CompactGossipFormat.MinimumApplicationStateSize > reader.Remaining)
        {
            throw new CodecException(field + ".application-states.count", at, $"count {count} needs at least {(long)count * CompactGossipFormat.MinimumApplicationStateSize} bytes but only {reader.Remaining} remain");
        }

        var applicationStates = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
        for (var j = 0; j < count; j++)
        {
            var entry = $"{field}.application-states[{j}]";
            var keyAt = reader.Offset;
            var key = ReadKey(ref reader, entry + ".key");
            if (applicationStates.ContainsKey(key))
            {
                throw new CodecException(entry + ".key", keyAt, $"key '{key}' appears twice");
            }

            var value = reader.ReadShortString(reader.Limits.MaximumMessageSize, entry + ".value");
            var valueVersion = reader.ReadVarInt32(int.MaxValue, entry + ".version");
            applicationStates.Add(key, new VersionedValue(value, valueVersion));
        }

        return applicationStates.ToImmutable();
    }

    private string ReadKey(ref WireReader reader, string field)
    {
        var at = reader.Offset;
        var reference = reader.ReadVarUInt32(field);
        if (reference > 0)
        {
            return reference <= (uint)Table.KeyCount
                ? Table.KeyAt((int)reference - 1)
                : throw new CodecException(field, at, $"key index {reference - 1} is not in this connection's table ({Table.KeyCount} keys)");
        }

        var keyAt = reader.Offset;
        var key = reader.ReadShortString(reader.Limits.MaximumKeyLength, field);
        if (key.Length == 0)
        {
            throw new CodecException(field, keyAt, "key is empty");
        }

        if (Table.TryGetKeyIndex(key, out _))
        {
            throw new CodecException(field, keyAt, $"key '{key}' is named again though this connection's table holds it");
        }

        if (Table.KeyCount >= CompactGossipTable.MaximumKeys)
        {
            throw new CodecException(field, at, $"the peer names more than {CompactGossipTable.MaximumKeys} keys on one connection");
        }

        Table.AddKey(key);
        return key;
    }

    private static long Delta(long last, long delta, int at) =>
        (Int128)last + delta is var wide && wide >= long.MinValue && wide <= long.MaxValue
            ? (long)wide
            : throw new CodecException("heartbeat.sent-at", at, $"delta {delta} from {last} leaves the range of a clock stamp");

    private static int Checked(long value, string field, int at) =>
        value is >= 0 and <= int.MaxValue ? (int)value : throw new CodecException(field, at, $"delta gives {value}, outside 0 to {int.MaxValue}");
}
