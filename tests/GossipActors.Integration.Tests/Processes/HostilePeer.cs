using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Model;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// Raw bytes an attacker sends to a node's gossip port: frame headers that declare large messages and never send
/// them, a valid Hello for one who knows the cluster name, and a frame trickled a byte at a time.
/// </summary>
public static class HostilePeer
{
    public const uint Declared = 16 * 1024 * 1024;

    /// <summary>Streams <see cref="Hello"/> uses: the next message of the connection is stream <c>StreamsInHello + 1</c>.</summary>
    public const uint StreamsInHello = 2;

    /// <summary>
    /// A Hello for <paramref name="cluster"/> and the keyring offer (no keyring) that follows it since protocol 3, framed
    /// as streams 1 and 2, as a dialer's first bytes: enough to complete the handshake with a node without a keyring.
    /// </summary>
    public static byte[] Hello(string cluster)
    {
        var hello = new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, cluster, new EndpointAddress("127.0.0.1", 9), Guid.NewGuid(), 1, "dc1", TlsEnabled: false);
        var codec = new WireCodec(new CodecLimits { MaximumMessageSize = 1024 * 1024 });
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1500, ipv6: false));
        scheduler.Enqueue(codec.Encode(hello), MessagePriority.Urgent);
        scheduler.Enqueue(codec.Encode(new KeyringOffer(false, new byte[WireFormat.KeyringTokenSize])), MessagePriority.Urgent);
        var wire = new ArrayBufferWriter<byte>();
        scheduler.WriteFrames(wire, int.MaxValue);
        return wire.WrittenSpan.ToArray();
    }

    /// <summary>
    /// <paramref name="length"/> bytes of first-frame headers from stream <paramref name="firstStream"/> on, each
    /// declaring <see cref="Declared"/> bytes and carrying one (the last header cut short): 12 bytes claim 16 MiB.
    /// </summary>
    public static byte[] StreamHeaders(uint firstStream, int length)
    {
        var bytes = new byte[length];
        var stream = firstStream;
        for (var offset = 0; offset < length; offset += FrameFormat.FirstFrameHeaderSize + 1)
        {
            var frame = FirstFrame(stream++, payloadLength: 1);
            frame.AsSpan(0, Math.Min(frame.Length, length - offset)).CopyTo(bytes.AsSpan(offset));
        }

        return bytes;
    }

    /// <summary>A first-frame header of stream <paramref name="streamId"/> declaring <see cref="Declared"/> bytes, its payload to follow.</summary>
    public static byte[] FirstFrameHeader(uint streamId, ushort payloadLength) => FirstFrame(streamId, payloadLength)[..FrameFormat.FirstFrameHeaderSize];

    public static async Task<Socket?> TryConnectAsync(IPEndPoint node, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(node, cancellationToken);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Sends <paramref name="hello"/> and waits for the node's first answer (its HelloAccepted), as a dialer does before
    /// it sends anything else; false when the node closed the connection instead.
    /// </summary>
    public static async Task<bool> TryHandshakeAsync(Socket socket, byte[] hello, CancellationToken cancellationToken)
    {
        if (!await TrySendAsync(socket, hello, cancellationToken))
        {
            return false;
        }

        try
        {
            return await socket.ReceiveAsync(new byte[256], SocketFlags.None, cancellationToken) > 0;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Sends, or false when the node has already closed or reset the connection.</summary>
    public static async Task<bool> TrySendAsync(Socket socket, byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static byte[] FirstFrame(uint streamId, ushort payloadLength)
    {
        var frame = new byte[FrameFormat.FirstFrameHeaderSize + payloadLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, streamId);
        frame[4] = (byte)FrameFlags.First;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), payloadLength);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(FrameFormat.HeaderSize), Declared);
        return frame;
    }
}
