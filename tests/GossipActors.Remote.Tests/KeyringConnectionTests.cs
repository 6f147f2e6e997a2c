using System.Collections.Concurrent;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Security;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>remote.keyring on single connections: who is let in, what each side logs, and what a forged frame does.</summary>
public sealed class KeyringConnectionTests
{
    [Fact]
    public async Task Nodes_sharing_a_key_complete_the_handshake_and_messages_flow_sealed_both_ways()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1]) + "\nremote.compression = all"));
        var log = new ListLogger();
        var replies = new ConcurrentQueue<IGossipMessage>();
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1]) + "\nremote.compression = all"), log).ConnectAsync(node.Address);
        connection.MessageReceived += (_, m) => replies.Enqueue(m);
        var large = new GossipShutdown(new("10.0.0.9", 7000), 1);

        Assert.True(connection.Send(new Echo(42)));
        Assert.True(connection.Send(large));
        Assert.True(connection.SendPayload(new byte[100_000]));
        Assert.True(await Eventually.HoldsAsync(() => replies.Contains(new EchoReply(42)) && node.Received.Contains(large)));
        Assert.True(connection.IsOpen);
        Assert.DoesNotContain(node.Log.Lines.Concat(log.Lines), l => l.Contains(TestKeys.K1, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dialer_with_another_key_is_refused_with_the_reason_on_both_sides_and_each_side_logs_it_once()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])));
        var dialerLog = new ListLogger();
        var dialer = new Dialer(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K2])), dialerLog);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var error = await Assert.ThrowsAsync<HandshakeRejectedException>(() => dialer.ConnectAsync(node.Address));
            Assert.Equal(RejectReason.NoSharedKey, error.Rejection!.Reason);
        }

        // The dialer finds the node's proof matches none of its keys first, and tells the node so.
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Lines.Count(l => l.Contains("NoSharedKey", StringComparison.Ordinal)) == 1));
        var nodeLine = Assert.Single(node.Log.Lines, l => l.Contains("NoSharedKey", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:", nodeLine, StringComparison.Ordinal);
        Assert.Contains("refused our connection", nodeLine, StringComparison.Ordinal);
        var dialerLine = Assert.Single(dialerLog.Lines, l => l.Contains("NoSharedKey", StringComparison.Ordinal));
        Assert.Contains("no shared key", dialerLine, StringComparison.Ordinal);
        Assert.Empty(node.Accepted);
        Assert.DoesNotContain(node.Log.Lines.Concat(dialerLog.Lines), l => l.Contains(TestKeys.Fingerprint(TestKeys.K1), StringComparison.Ordinal) || l.Contains(TestKeys.K1, StringComparison.Ordinal));
    }

    [Fact]
    public async Task During_rotation_a_node_that_lacks_the_dialers_primary_key_refuses_it_and_names_it_in_one_line()
    {
        // The dialer has both keys and still uses the old one; the node has only the new one.
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K2])));
        var dialerLog = new ListLogger();
        var dialer = new Dialer(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1, TestKeys.K2], primary: TestKeys.K1)), dialerLog);

        var error = await Assert.ThrowsAsync<HandshakeRejectedException>(() => dialer.ConnectAsync(node.Address));
        await Assert.ThrowsAsync<HandshakeRejectedException>(() => dialer.ConnectAsync(node.Address));

        Assert.Equal(RejectReason.NoSharedKey, error.Rejection!.Reason);
        Assert.Contains("refused our connection: NoSharedKey", error.Message, StringComparison.Ordinal);
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("refused connection from 127.0.0.1:")));
        Assert.Single(node.Log.Lines, l => l.Contains("NoSharedKey", StringComparison.Ordinal));
        Assert.Empty(node.Accepted);
    }

    [Fact]
    public async Task A_node_with_a_keyring_refuses_a_peer_without_one_and_the_other_way_round()
    {
        await using var keyed = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])));
        await using var open = LoopbackNode.Start(LoopbackNode.SettingsFor());

        var noKey = await Assert.ThrowsAsync<HandshakeRejectedException>(() => new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(keyed.Address));
        var unexpected = await Assert.ThrowsAsync<HandshakeRejectedException>(
            () => new Dialer(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])), new ListLogger()).ConnectAsync(open.Address));

        Assert.Equal(RejectReason.KeyringRequired, noKey.Rejection!.Reason);
        Assert.Contains("requires a shared cluster key (remote.keyring)", noKey.Message, StringComparison.Ordinal);
        Assert.Equal(RejectReason.KeyringNotEnabled, unexpected.Rejection!.Reason);
        Assert.True(await Eventually.HoldsAsync(() => keyed.Log.Contains("KeyringRequired") && open.Log.Contains("KeyringNotEnabled")));
    }

    [Fact]
    public async Task A_peer_older_than_the_oldest_protocol_spoken_is_refused_with_both_versions()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(node.Address.Host, node.Address.Port);
        var codec = new WireCodec(new CodecLimits { MaximumMessageSize = 65536 });
        var hello = codec.Encode(new Hello(WireFormat.Magic, (ushort)(WireFormat.OldestProtocolVersion - 1), "test", new("127.0.0.1", 1), Guid.NewGuid(), 1, "dc1", false));
        var scheduler = new Protocol.Framing.FrameScheduler(1400);
        scheduler.Enqueue(hello, Protocol.Framing.MessagePriority.Urgent);
        var frames = new System.Buffers.ArrayBufferWriter<byte>();
        scheduler.WriteFrames(frames, int.MaxValue);
        await socket.SendAsync(frames.WrittenMemory);

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains($"ProtocolVersionMismatch (ours '{WireFormat.ProtocolVersion}', theirs '{WireFormat.OldestProtocolVersion - 1}')")));
        Assert.DoesNotContain(node.Log.Lines, l => l.Contains(WireCodec.UnknownSender.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(node.Log.Lines, l => l.Contains("malformed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_raw_peer_holding_the_key_is_answered_until_it_sends_a_tampered_message_which_closes_the_connection_with_one_line()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])));
        using var peer = await RawKeyringPeer.HandshakeAsync(node.Address, Ring(TestKeys.K1));

        await peer.SendAsync(peer.Seal(new Echo(1)));
        Assert.Equal(new EchoReply(1), (await peer.ReceiveAsync()).Gossip);

        var forged = peer.Seal(new GossipDigestAck2(new Dictionary<Protocol.Model.EndpointAddress, Protocol.Model.EndpointState>()));
        forged[2] ^= 0x01;
        await peer.SendAsync(forged);

        Assert.True(await peer.ClosedByNodeAsync());
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("failed the keyring integrity check")));
        var line = Assert.Single(node.Log.Lines, l => l.Contains("integrity", StringComparison.Ordinal));
        Assert.Contains("closing connection to 127.0.0.1:", line, StringComparison.Ordinal);
        Assert.DoesNotContain(node.Received, m => m is GossipDigestAck2);
    }

    [Fact]
    public async Task A_replayed_sealed_message_closes_the_connection()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])));
        using var peer = await RawKeyringPeer.HandshakeAsync(node.Address, Ring(TestKeys.K1));
        var echo = peer.Seal(new Echo(5));

        await peer.SendAsync(echo);
        Assert.Equal(new EchoReply(5), (await peer.ReceiveAsync()).Gossip);
        await peer.SendAsync(echo);

        Assert.True(await peer.ClosedByNodeAsync());
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("replayed")));
        Assert.Single(node.Received, m => m is Echo);
    }

    [Fact]
    public async Task An_unsealed_message_injected_after_the_handshake_closes_the_connection()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(extra: TestKeys.Keyring([TestKeys.K1])));
        using var peer = await RawKeyringPeer.HandshakeAsync(node.Address, Ring(TestKeys.K1));

        await peer.SendAsync(new WireCodec(new CodecLimits { MaximumMessageSize = 65536 }).Encode(new Echo(9)));

        Assert.True(await peer.ClosedByNodeAsync());
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("failed the keyring integrity check")));
        Assert.Empty(node.Received);
    }

    private static Keyring Ring(params string[] keys) => new([.. keys.Select(Convert.FromBase64String)], 0);
}
