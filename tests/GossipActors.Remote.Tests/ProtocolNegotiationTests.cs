using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// Protocol 6 (clock stamps) next to protocol 5 nodes: a listener accepts either and speaks the lower, a dialer refused
/// by a protocol 5 listener dials again with 5, and a protocol 5 peer never gets a stamp it cannot read.
/// </summary>
public sealed class ProtocolNegotiationTests
{
    private const ushort Old = WireFormat.OldestProtocolVersion;
    private const ushort Current = WireFormat.ProtocolVersion;
    private static readonly EndpointStateList States = new(1) { { new EndpointAddress("10.0.0.1", 7000), EndpointState.Create(new HeartBeatState(5, 9)) } };

    [Fact]
    public void Listener_accepts_every_version_it_speaks_and_a_refusal_by_an_older_one_names_the_version_to_fall_back_to()
    {
        var local = LoopbackNode.SettingsFor();
        var hello = new Hello(WireFormat.Magic, Old, "test", new EndpointAddress("10.0.0.9", 7000), Guid.Empty, 1, "dc1", TlsEnabled: false);

        Assert.Null(HandshakePolicy.Check(hello, local));
        Assert.Null(HandshakePolicy.Check(hello with { ProtocolVersion = Current }, local));
        Assert.Equal(RejectReason.ProtocolVersionMismatch, HandshakePolicy.Check(hello with { ProtocolVersion = Old - 1 }, local)!.Reason);
        Assert.Equal(Old, WireFormat.Negotiate(Old));
        Assert.Equal(Current, WireFormat.Negotiate(Current + 3));

        var byOlder = new HelloRejected(RejectReason.ProtocolVersionMismatch, Text(Old), Text(Current), "protocol versions differ; upgrade the older node");
        Assert.Equal(Old, HandshakePolicy.FallbackVersion(byOlder, Current));
        Assert.Null(HandshakePolicy.FallbackVersion(byOlder, Old));
        Assert.Null(HandshakePolicy.FallbackVersion(byOlder with { LocalValue = Text(Old - 1) }, Current));
        Assert.Null(HandshakePolicy.FallbackVersion(byOlder with { Reason = RejectReason.ClusterNameMismatch }, Current));
    }

    [Fact]
    public async Task Two_current_nodes_speak_the_current_version_and_carry_the_stamps()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(node.Address);

        connection.Send(new GossipDigestAck([], States, SentAtMs: 1_764_900_000_123));

        Assert.True(await Eventually.HoldsAsync(() => node.Received.OfType<GossipDigestAck>().Any()));
        Assert.Equal(1_764_900_000_123, node.Received.OfType<GossipDigestAck>().Single().SentAtMs);
        Assert.Equal(Current, connection.ProtocolVersion);
        Assert.Equal(Current, Assert.Single(node.Accepted).ProtocolVersion);
    }

    [Fact]
    public async Task An_older_listener_is_dialled_again_with_its_version_and_gets_no_stamps()
    {
        using var old = new OlderListener();
        var log = new ListLogger();
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(), log).ConnectAsync(old.Address);

        connection.Send(new GossipDigestAck([], States, SentAtMs: 1_764_900_000_123));
        connection.Send(new GossipDigestAck2(States, new ClockEcho(1, 2)));
        var ack = Assert.IsType<GossipDigestAck>(await old.ReceiveGossipAsync());
        var ack2 = Assert.IsType<GossipDigestAck2>(await old.ReceiveGossipAsync());

        Assert.Equal([Current, Old], old.OfferedVersions);
        Assert.Equal(Old, connection.ProtocolVersion);
        Assert.Null(ack.SentAtMs);
        Assert.Null(ack2.Clock);
        Assert.True(log.Contains($"speaks protocol {Old}, older than this node's {Current}: connecting again with {Old}"));
    }

    private static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A listener as a node of the oldest protocol spoken behaves: it refuses any other version naming its own, and on a
    /// connection it accepted hands over the gossip messages it gets.
    /// </summary>
    private sealed class OlderListener : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly WireCodec _codec = new(new CodecLimits { MaximumMessageSize = 1024 * 1024 });
        private readonly CompactGossipDecoder _compact = new() { PeerProtocolVersion = WireFormat.OldestProtocolVersion };
        private FrameReassembler _reassembler = new(1024 * 1024, 4 * 1024 * 1024);
        private Queue<ReassembledMessage> _received = new();
        private Socket? _accepted;

        public OlderListener()
        {
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public EndpointAddress Address => new("127.0.0.1", ((IPEndPoint)_listener.LocalEndpoint).Port);

        public List<int> OfferedVersions { get; } = [];

        private TaskCompletionSource<Socket> Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IGossipMessage> ReceiveGossipAsync()
        {
            var socket = await Ready.Task.WaitAsync(Eventually.Deadline);
            while (true)
            {
                var bytes = await ReceiveAsync(socket);
                // The older protocol refused anything after the states; this decoder reads stamps, so the test checks they are absent.
                if (_codec.Decode(bytes, _compact).Gossip is { } gossip)
                {
                    return gossip;
                }
            }
        }

        public void Dispose()
        {
            _accepted?.Dispose();
            _listener.Stop();
        }

        private async Task ServeAsync()
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync();
                (_reassembler, _received) = (new FrameReassembler(1024 * 1024, 4 * 1024 * 1024), new Queue<ReassembledMessage>());
                var hello = (Hello)_codec.Decode(await ReceiveAsync(socket)).Control!;
                OfferedVersions.Add(hello.ProtocolVersion);
                if (hello.ProtocolVersion != Old)
                {
                    await SendAsync(socket, _codec.Encode(new HelloRejected(RejectReason.ProtocolVersionMismatch, Text(Old),
                        hello.ProtocolVersion.ToString(CultureInfo.InvariantCulture), "protocol versions differ; upgrade the older node")));
                    socket.Dispose();
                    continue;
                }

                _ = _codec.Decode(await ReceiveAsync(socket)); // the keyring offer (none)
                await SendAsync(socket, _codec.Encode(new HelloAccepted(Old, new EndpointAddress("127.0.0.1", Address.Port), Guid.NewGuid(), 1, "dc1")));
                _accepted = socket;
                Ready.SetResult(socket);
                return;
            }
        }

        private async Task<byte[]> ReceiveAsync(Socket socket)
        {
            var buffer = new byte[64 * 1024];
            while (_received.Count == 0)
            {
                var read = await socket.ReceiveAsync(buffer.AsMemory()).AsTask().WaitAsync(Eventually.Deadline);
                if (read == 0)
                {
                    throw new IOException("the dialer closed the connection");
                }

                var completed = new List<ReassembledMessage>();
                _reassembler.Feed(buffer.AsSpan(0, read), completed);
                completed.ForEach(_received.Enqueue);
            }

            return _received.Dequeue().Payload.ToArray();
        }

        private static async Task SendAsync(Socket socket, byte[] message)
        {
            var scheduler = new FrameScheduler(1400);
            scheduler.Enqueue(message, MessagePriority.Urgent);
            var buffer = new ArrayBufferWriter<byte>();
            scheduler.WriteFrames(buffer, int.MaxValue);
            await socket.SendAsync(buffer.WrittenMemory);
        }
    }
}
