using System.Buffers;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec.Compact;

/// <summary>
/// The sending side of one connection's compact gossip (<see cref="CompactGossipFormat"/>): SYN, ACK and ACK2 are
/// written against <see cref="Table"/>, which the receiver's <see cref="CompactGossipDecoder"/> rebuilds from the same
/// messages in the same order. Not thread-safe: the connection encodes and queues under one lock, so the order of
/// encoding is the order on the wire.
/// </summary>
public sealed class CompactGossipEncoder(CodecLimits limits)
{
    public CompactGossipTable Table { get; } = new();

    /// <summary>
    /// The protocol the connection speaks, once its handshake settled it: from <see cref="CompactGossipFormat.ShortNewEndpointsVersion"/>
    /// an endpoint new to the table is written in its short form.
    /// </summary>
    public ushort PeerProtocolVersion { get; set; } = WireFormat.ProtocolVersion;

    /// <summary>
    /// Encodes <paramref name="message"/> compactly if it is a heartbeat, SYN, ACK or ACK2 whose encoding is at most
    /// <paramref name="maximumBytes"/>, and keeps what it added to the table; otherwise returns null and leaves the
    /// table as it was, and the caller sends the message in the stateless format (<see cref="WireCodec"/>).
    /// </summary>
    /// <exception cref="CodecException">A field cannot be encoded at all (a negative version, an over-long string).</exception>
    public byte[]? TryEncode(IGossipMessage message, int maximumBytes)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is GossipHeartbeat heartbeat)
        {
            return EncodeHeartbeat(heartbeat, maximumBytes);
        }

        if (message is not (GossipDigestSyn or GossipDigestAck or GossipDigestAck2))
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(128);
        var writer = new WireWriter(buffer, limits);
        Table.Begin();
        try
        {
            switch (message)
            {
                case GossipDigestSyn syn:
                    WriteHeader(writer, WireMessageType.CompactSyn);
                    var sameName = Table.ClusterName == syn.ClusterName;
                    writer.WriteByte(sameName ? (byte)0 : CompactGossipFormat.ClusterNameFollows, "syn.flags");
                    if (!sameName)
                    {
                        writer.WriteShortString(syn.ClusterName, limits.MaximumNameLength, "syn.cluster-name");
                        Table.CarryClusterName(syn.ClusterName);
                    }

                    WriteDigests(writer, syn.Digests, "syn.digests");
                    break;
                case GossipDigestAck ack:
                    WriteHeader(writer, WireMessageType.CompactAck);
                    WriteDigests(writer, ack.Requests, "ack.requests");
                    WriteStates(writer, ack.States, "ack.states");
                    ClockStamps.WriteAckStamp(writer, ack);
                    break;
                case GossipDigestAck2 ack2:
                    WriteHeader(writer, WireMessageType.CompactAck2);
                    WriteStates(writer, ack2.States, "ack2.states");
                    ClockStamps.WriteAck2Stamps(writer, ack2);
                    break;
            }
        }
        catch (NotCompactable)
        {
            Table.Rollback();
            return null;
        }
        catch (CodecException)
        {
            Table.Rollback();
            throw;
        }

        if (writer.Written > maximumBytes)
        {
            // Larger than the caller can send in order with the other compact messages: it goes stateless instead.
            Table.Rollback();
            return null;
        }

        Table.Commit();
        return buffer.WrittenSpan.ToArray();
    }

    // Two bytes from the second heartbeat on: nothing about the endpoint table, and no generation while it is the one
    // the connection's previous heartbeat carried, as it is for as long as the sending node runs.
    private byte[]? EncodeHeartbeat(GossipHeartbeat heartbeat, int maximumBytes)
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var writer = new WireWriter(buffer, limits);
        writer.WriteByte(WireFormat.FormatVersion, "format-version");
        var newGeneration = Table.HeartbeatGeneration != heartbeat.Generation;
        long? stampDelta = null;
        if (heartbeat.SentAtMs is { } sentAt)
        {
            // About one heartbeat interval since the last stamp on this connection: two bytes instead of eight. Computed
            // wide, so two stamps far apart (any long is a stamp the wire carries) cannot wrap into a small delta.
            stampDelta = Table.HeartbeatStampMs is { } last && (Int128)sentAt - last is var wide &&
                         wide >= CompactGossipFormat.MinimumStampDelta && wide <= CompactGossipFormat.MaximumStampDelta
                ? (long)wide
                : null;
            var flags = (newGeneration ? CompactGossipFormat.HeartbeatGenerationFollows : 0) | (stampDelta is null ? CompactGossipFormat.HeartbeatStampAbsolute : 0);
            writer.WriteByte((byte)WireMessageType.CompactStampedHeartbeat, "message-type");
            writer.WriteByte((byte)flags, "heartbeat.flags");
        }
        else
        {
            writer.WriteByte((byte)WireMessageType.CompactHeartbeat, "message-type");
        }

        if (newGeneration)
        {
            writer.WriteVarUInt32(checked((uint)heartbeat.Generation), "heartbeat.generation");
        }

        if (stampDelta is { } delta)
        {
            writer.WriteZigZag(delta, "heartbeat.sent-at");
        }
        else if (heartbeat.SentAtMs is { } stamp)
        {
            writer.WriteInt64(stamp, "heartbeat.sent-at");
        }

        if (writer.Written > maximumBytes)
        {
            return null;
        }

        Table.HeartbeatGeneration = heartbeat.Generation;
        Table.HeartbeatStampMs = heartbeat.SentAtMs ?? Table.HeartbeatStampMs;
        return buffer.WrittenSpan.ToArray();
    }

    private void WriteHeader(WireWriter writer, WireMessageType type)
    {
        writer.WriteByte(WireFormat.FormatVersion, "format-version");
        writer.WriteByte((byte)type, "message-type");
        writer.WriteByte((byte)Table.EndpointCount, "table-check");
    }

    private void WriteDigests(WireWriter writer, IReadOnlyList<GossipDigest> digests, string field)
    {
        var (known, fresh) = Split(digests, digest => digest.Endpoint);
        WriteListHead(writer, known, fresh.Count, field);
        foreach (var (index, digest) in known)
        {
            WriteKnown(writer, index, digest.Generation, digest.MaxVersion, headBits: 0, 0, field);
        }

        foreach (var digest in fresh)
        {
            WriteNew(writer, digest.Endpoint, digest.Generation, digest.MaxVersion, field);
        }
    }

    private void WriteStates(WireWriter writer, IReadOnlyDictionary<EndpointAddress, EndpointState> states, string field)
    {
        var (known, fresh) = Split(states.ToList(), pair => pair.Key);
        WriteListHead(writer, known, fresh.Count, field);
        foreach (var (index, (_, state)) in known)
        {
            var hasApplicationStates = state.ApplicationStates.Count > 0;
            WriteKnown(writer, index, state.HeartBeat.Generation, state.HeartBeat.Version, headBits: 1, hasApplicationStates ? CompactGossipFormat.StateHasApplicationStates : 0, field);
            if (hasApplicationStates)
            {
                WriteApplicationStates(writer, state, field);
            }
        }

        foreach (var (endpoint, state) in fresh)
        {
            WriteNew(writer, endpoint, state.HeartBeat.Generation, state.HeartBeat.Version, field);
            WriteApplicationStates(writer, state, field);
        }
    }

    /// <summary>Items whose endpoint the table holds, in index order, and the others in their order.</summary>
    private (List<(int Index, T Item)> Known, List<T> Fresh) Split<T>(IReadOnlyList<T> items, Func<T, EndpointAddress> endpointOf)
    {
        var known = new List<(int, T)>(items.Count);
        var fresh = new List<T>();
        var seen = new HashSet<EndpointAddress>(items.Count);
        foreach (var item in items)
        {
            var endpoint = endpointOf(item);
            if (!seen.Add(endpoint))
            {
                // A list naming an endpoint twice has no bitmap form; the stateless format carries it as it is.
                throw new NotCompactable();
            }

            if (Table.TryGetIndex(endpoint, out var index))
            {
                known.Add((index, item));
            }
            else
            {
                fresh.Add(item);
            }
        }

        known.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        if (Table.EndpointCount + fresh.Count > CompactGossipTable.MaximumEndpoints)
        {
            throw new NotCompactable();
        }

        return (known, fresh);
    }

    /// <summary>
    /// Which known endpoints the list holds (all of the table's, or a bitmap) and how many new ones follow it.
    /// <paramref name="known"/> is in index order.
    /// </summary>
    private void WriteListHead<T>(WireWriter writer, List<(int Index, T Item)> known, int freshCount, string field)
    {
        var all = known.Count > 0 && known.Count == Table.EndpointCount;
        var bytes = all || known.Count == 0 ? 0 : (known[^1].Index / 8) + 1;
        var head = ((uint)bytes << 2) | (all ? CompactGossipFormat.ListHasEveryKnownEndpoint : 0) | (freshCount > 0 ? CompactGossipFormat.ListHasNewEndpoints : 0);
        writer.WriteVarUInt32(head, field + ".head");
        if (bytes > 0)
        {
            var bitmap = new byte[bytes];
            foreach (var (index, _) in known)
            {
                bitmap[index / 8] |= (byte)(1 << (index % 8));
            }

            foreach (var b in bitmap)
            {
                writer.WriteByte(b, field + ".bitmap");
            }
        }

        if (freshCount > 0)
        {
            writer.WriteVarUInt32((uint)freshCount, field + ".new-count");
        }
    }

    /// <summary>A known endpoint's generation and version, as deltas from what the table last carried for it.</summary>
    private void WriteKnown(WireWriter writer, int index, int generation, int version, int headBits, uint flags, string field)
    {
        CheckNonNegative(writer, generation, version, field);
        var generationChanged = generation != Table.GenerationAt(index);
        var generationBit = 1u << headBits;
        if (generationChanged)
        {
            writer.WriteVarUInt32(generationBit | flags, field + ".head");
            writer.WriteZigZag((long)generation - Table.GenerationAt(index), field + ".generation");
            writer.WriteVarUInt32((uint)version, field + ".version");
        }
        else
        {
            var delta = (long)version - Table.VersionAt(index);
            var zigzag = (uint)(((int)delta << 1) ^ ((int)delta >> 31));
            if (zigzag > uint.MaxValue >> (headBits + 1))
            {
                // Too far from the last carried version to share the head: send it as a generation change would.
                writer.WriteVarUInt32(generationBit | flags, field + ".head");
                writer.WriteZigZag(0, field + ".generation");
                writer.WriteVarUInt32((uint)version, field + ".version");
            }
            else
            {
                writer.WriteVarUInt32((zigzag << (headBits + 1)) | flags, field + ".head");
            }
        }

        Table.Carry(index, generation, version);
    }

    private void WriteNew(WireWriter writer, EndpointAddress endpoint, int generation, int version, string field)
    {
        CheckNonNegative(writer, generation, version, field);
        if (endpoint.Port is < 1 or > 65535 || string.IsNullOrEmpty(endpoint.Host))
        {
            throw new CodecException(field + ".endpoint", writer.Written, $"'{endpoint}' is not an endpoint the wire can carry");
        }

        if (PeerProtocolVersion < CompactGossipFormat.ShortNewEndpointsVersion)
        {
            writer.WriteShortString(endpoint.Host, limits.MaximumNameLength, field + ".endpoint.host");
            writer.WriteVarUInt32((uint)endpoint.Port, field + ".endpoint.port");
            writer.WriteVarUInt32((uint)generation, field + ".generation");
        }
        else
        {
            if (CompactGossipFormat.AsIPv4(endpoint.Host) is { } address)
            {
                writer.WriteVarUInt32(0, field + ".endpoint.host");
                writer.WriteFixed(address, 4, field + ".endpoint.host");
            }
            else
            {
                writer.WriteShortString(endpoint.Host, limits.MaximumNameLength, field + ".endpoint.host");
            }

            writer.WriteVarUInt32((uint)endpoint.Port, field + ".endpoint.port");
            writer.WriteZigZag((long)generation - CompactGossipFormat.LastNewGeneration(Table), field + ".generation");
        }

        writer.WriteVarUInt32((uint)version, field + ".version");
        Table.Add(endpoint, generation, version);
    }

    private void WriteApplicationStates(WireWriter writer, EndpointState state, string field)
    {
        writer.WriteVarUInt32((uint)state.ApplicationStates.Count, field + ".application-states.count");
        foreach (var (key, value) in state.ApplicationStates)
        {
            if (Table.TryGetKeyIndex(key, out var keyIndex))
            {
                writer.WriteVarUInt32((uint)keyIndex + 1, field + ".key");
            }
            else
            {
                if (Table.KeyCount >= CompactGossipTable.MaximumKeys)
                {
                    throw new NotCompactable();
                }

                writer.WriteVarUInt32(0, field + ".key");
                writer.WriteShortString(key, limits.MaximumKeyLength, field + ".key");
                Table.AddKey(key);
            }

            writer.WriteShortString(value.Value, limits.MaximumMessageSize, field + ".value");
            if (value.Version < 0)
            {
                throw new CodecException(field + ".version", writer.Written, $"value {value.Version} is negative; the wire carries 0 to {int.MaxValue}");
            }

            writer.WriteVarUInt32((uint)value.Version, field + ".version");
        }
    }

    private static void CheckNonNegative(WireWriter writer, int generation, int version, string field)
    {
        if (generation < 0 || version < 0)
        {
            throw new CodecException(field, writer.Written, $"generation {generation} or version {version} is negative; the wire carries 0 to {int.MaxValue}");
        }
    }

    /// <summary>The message has no compact form here (a full table, an endpoint listed twice): it goes stateless.</summary>
    private sealed class NotCompactable : Exception;
}
