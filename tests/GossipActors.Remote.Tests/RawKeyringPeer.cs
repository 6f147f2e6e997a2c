using System.Buffers;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Model;
using GossipActors.Protocol.Security;

namespace GossipActors.Remote.Tests;

/// <summary>
/// A dialer written by hand on a raw socket, from the protocol's own pieces: it completes the keyring handshake as a
/// real node would, then can send what no real node sends (a tampered, replayed or unsealed message).
/// </summary>
internal sealed class RawKeyringPeer : IDisposable
{
    private readonly Socket _socket = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly WireCodec _codec = new(new CodecLimits { MaximumMessageSize = 1024 * 1024 });
    private readonly FrameScheduler _scheduler = new(1400);
    private readonly FrameReassembler _reassembler = new(1024 * 1024, 4 * 1024 * 1024);
    private readonly Queue<ReassembledMessage> _received = new();
    private MessageSealer? _sealer;
    private MessageOpener? _opener;

    public static async Task<RawKeyringPeer> HandshakeAsync(EndpointAddress node, Keyring keyring, string cluster = "test")
    {
        var peer = new RawKeyringPeer();
        await peer._socket.ConnectAsync(node.Host, node.Port);
        var hello = new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, cluster, new EndpointAddress("127.0.0.1", 1), Guid.NewGuid(), 1, "dc1", false);
        var offer = new KeyringOffer(true, KeyringHandshake.NewNonce());
        await peer.SendAsync(peer._codec.Encode(hello));
        await peer.SendAsync(peer._codec.Encode(offer));
        var accepted = (HelloAccepted)await peer.ReceiveControlAsync();
        var challenge = (KeyringChallenge)await peer.ReceiveControlAsync();
        var transcript = KeyringHandshake.Transcript(peer._codec.Encode(hello), peer._codec.Encode(offer), peer._codec.Encode(accepted), challenge.Nonce);
        var theirs = KeyringHandshake.FindKey(keyring, HandshakeRole.Listener, transcript, challenge.Proof)
            ?? throw new InvalidOperationException("the node's proof matches none of the raw peer's keys");
        await peer.SendAsync(peer._codec.Encode(new KeyringProof(KeyringHandshake.Prove(keyring, HandshakeRole.Dialer, transcript))));
        _ = (KeyringAccepted)await peer.ReceiveControlAsync();
        peer._sealer = KeyringHandshake.Sealer(keyring, HandshakeRole.Dialer, transcript);
        peer._opener = KeyringHandshake.Opener(keyring, theirs, HandshakeRole.Listener, transcript);
        return peer;
    }

    /// <summary>The message sealed as the node expects it: the next number, the session key.</summary>
    public byte[] Seal(ControlMessage message) => _sealer!.Seal(_codec.Encode(message), compressed: false);

    public byte[] Seal(Protocol.Messages.IGossipMessage message) => _sealer!.Seal(_codec.Encode(message), compressed: false);

    /// <summary>Frames <paramref name="message"/> exactly as given (sealed or not, tampered or not) and writes it.</summary>
    public async Task SendAsync(byte[] message)
    {
        _scheduler.Enqueue(message, MessagePriority.Urgent);
        var buffer = new ArrayBufferWriter<byte>();
        _scheduler.WriteFrames(buffer, int.MaxValue);
        await _socket.SendAsync(buffer.WrittenMemory);
    }

    /// <summary>The next message from the node, opened once the handshake is done.</summary>
    public async Task<DecodedMessage> ReceiveAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_received.Count == 0)
        {
            var read = await _socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Eventually.Deadline);
            if (read == 0)
            {
                throw new IOException("the node closed the connection");
            }

            var completed = new List<ReassembledMessage>();
            _reassembler.Feed(buffer.AsSpan(0, read), completed);
            completed.ForEach(_received.Enqueue);
        }

        var message = _received.Dequeue();
        ReadOnlyMemory<byte> bytes = message.Payload;
        if (_opener is not null && !_opener.TryOpen(bytes, message.Compressed, out bytes, out var problem))
        {
            throw new InvalidDataException(problem);
        }

        return _codec.Decode(bytes.Span);
    }

    /// <summary>True once the node has closed its end (a read returns 0 or the connection is reset).</summary>
    public async Task<bool> ClosedByNodeAsync()
    {
        try
        {
            while (true)
            {
                _ = await ReceiveAsync();
            }
        }
        catch (Exception error) when (error is IOException or SocketException)
        {
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task<ControlMessage> ReceiveControlAsync() =>
        (await ReceiveAsync()).Control ?? throw new InvalidDataException("a gossip message during the handshake");
}
