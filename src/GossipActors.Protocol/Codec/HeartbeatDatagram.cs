using System.Buffers;
using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// A direct heartbeat or a watch as one UDP datagram (<c>remote.heartbeat-datagrams</c>, protocol 7): no TCP/IP
/// headers of 52 bytes and no bare ACK coming back, so a stamped heartbeat costs 48 bytes on the wire instead of 120.
/// With no connection there is no handshake, so each datagram carries what a handshake would have settled.
/// Layout: <see cref="Marker"/>; a flags byte (bit 0: the sender's endpoint follows, otherwise the sender is the
/// datagram's source address, as it is when a node sends from the socket bound to the address it is known by); the
/// cluster tag (4 bytes, <see cref="ClusterTag"/>: a datagram from another cluster on the same hosts is dropped, not
/// read); [the sender's endpoint]; the message in the stateless encoding (<see cref="WireCodec"/>).
/// </summary>
public static class HeartbeatDatagram
{
    /// <summary>First byte of every heartbeat datagram: a stray datagram is told apart in one byte.</summary>
    public const byte Marker = 0xD7;

    /// <summary>The first protocol version whose watches may ask for datagrams (<see cref="GossipWatch.Datagrams"/>).</summary>
    public const ushort FirstProtocolVersion = 7;

    /// <summary>Largest datagram read or written: a heartbeat or watch naming its sender is well under 300 bytes.</summary>
    public const int MaximumSize = 512;

    private const byte SenderFollows = 1;

    /// <summary>FNV-1a of the cluster name: the same on every node, so a datagram names its cluster in 4 bytes.</summary>
    public static uint ClusterTag(string clusterName)
    {
        ArgumentNullException.ThrowIfNull(clusterName);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(clusterName))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    /// <param name="sender">The sender's endpoint when the receiver cannot take it from the source address; null otherwise.</param>
    /// <exception cref="CodecException">The message is not a heartbeat or a watch.</exception>
    public static byte[] Encode(WireCodec codec, uint clusterTag, EndpointAddress? sender, IGossipMessage message)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(message);
        if (message is not (GossipHeartbeat or GossipWatch))
        {
            throw new CodecException("datagram.message", 0, $"only heartbeats and watches travel as datagrams, not {message.GetType().Name}");
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        var writer = new WireWriter(buffer, codec.Limits);
        writer.WriteByte(Marker, "datagram.marker");
        writer.WriteByte(sender is null ? (byte)0 : SenderFollows, "datagram.flags");
        writer.WriteUInt32(clusterTag, "datagram.cluster");
        if (sender is { } named)
        {
            writer.WriteEndpoint(named, "datagram.sender");
        }

        codec.Encode(message, buffer);
        return buffer.WrittenCount <= MaximumSize
            ? buffer.WrittenSpan.ToArray()
            : throw new CodecException("datagram", 0, $"{buffer.WrittenCount} bytes exceed the datagram limit of {MaximumSize}");
    }

    /// <summary>Reads a datagram from a node of the cluster tagged <paramref name="clusterTag"/>.</summary>
    /// <returns>The sender named in the datagram (null: it is the source address) and the heartbeat or watch.</returns>
    /// <exception cref="CodecException">Not a heartbeat datagram, another cluster's, or malformed; the message names the field and offset.</exception>
    public static (EndpointAddress? Sender, IGossipMessage Message) Decode(WireCodec codec, uint clusterTag, ReadOnlySpan<byte> datagram)
    {
        ArgumentNullException.ThrowIfNull(codec);
        if (datagram.Length > MaximumSize)
        {
            throw new CodecException("datagram", 0, $"{datagram.Length} bytes exceed the datagram limit of {MaximumSize}");
        }

        var reader = new WireReader(datagram, codec.Limits);
        var marker = reader.ReadByte("datagram.marker");
        if (marker != Marker)
        {
            throw new CodecException("datagram.marker", 0, $"0x{marker:x2} is not a heartbeat datagram's (0x{Marker:x2})");
        }

        var flags = reader.ReadByte("datagram.flags");
        if ((flags & ~SenderFollows) != 0)
        {
            throw new CodecException("datagram.flags", 1, $"unknown flags 0x{flags:x2}");
        }

        var tag = reader.ReadUInt32("datagram.cluster");
        if (tag != clusterTag)
        {
            throw new CodecException("datagram.cluster", 2, $"cluster tag {tag:x8} is another cluster's (this one's is {clusterTag:x8}: check gossip.cluster-name)");
        }

        EndpointAddress? sender = (flags & SenderFollows) != 0 ? reader.ReadEndpoint("datagram.sender") : null;
        var offset = reader.Offset;
        IGossipMessage? message;
        try
        {
            message = codec.Decode(datagram[offset..]).Gossip;
        }
        catch (CodecException error)
        {
            throw new CodecException(error.Field, offset + error.Offset, error.Problem);
        }

        return message is GossipHeartbeat or GossipWatch
            ? (sender, message)
            : throw new CodecException("datagram.message", offset, $"a {message?.GetType().Name ?? "control message"} does not travel as a datagram");
    }
}
