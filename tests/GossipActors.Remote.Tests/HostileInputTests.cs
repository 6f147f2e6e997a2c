using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>What a stranger, or a peer that knows the cluster name and misbehaves, can make a listener spend and log.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Strangers_beyond_the_limit_are_refused_and_the_refusals_logged_once_per_interval()
    {
        var clock = new VirtualClock();
        var log = new ListLogger();
        var settings = LoopbackNode.SettingsFor() with { Address = new EndpointAddress("127.0.0.1", 0), MaximumUnauthenticatedConnections = 2 };
        await using var listener = Listener.Start(settings, log, _ => { }, time: clock);
        var silent = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                silent.Add(await ConnectAsync(listener));
            }

            Assert.True(await Eventually.HoldsAsync(() => listener.UnauthenticatedConnections == 2));
            for (var i = 0; i < 5; i++)
            {
                await ConnectUntilClosedAsync(listener);
            }

            Assert.Single(log.Lines, l => l.Contains("remote.max-unauthenticated-connections = 2", StringComparison.Ordinal));
            clock.Advance(Listener.RefusalLogInterval);
            await ConnectUntilClosedAsync(listener);

            var lines = log.Lines.Where(l => l.Contains("remote.max-unauthenticated-connections = 2", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Contains("(4 more like it in the last 10 s not logged)", lines[1], StringComparison.Ordinal);
            Assert.Equal(2, listener.UnauthenticatedConnections);
        }
        finally
        {
            silent.ForEach(c => c.Dispose());
        }

        // Once the strangers are gone, a real peer gets in.
        Assert.True(await Eventually.HoldsAsync(() => listener.UnauthenticatedConnections == 0));
        await using var peer = await new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(new EndpointAddress("127.0.0.1", listener.LocalEndPoint.Port));
        Assert.True(peer.IsOpen);
    }

    [Fact]
    public async Task Before_the_handshake_a_message_may_declare_only_the_unauthenticated_budget()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        using var raw = await ConnectAsync(node.Listener);
        // A first frame declaring 64 KiB: allowed after the handshake (remote.reassembly-buffer-limit), not before.
        await raw.GetStream().WriteAsync(FirstFrameHeader(1, payloadLength: 100, declared: 64 * 1024));

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("together over remote.unauthenticated-buffer-limit (16384)")));
    }

    [Fact]
    public async Task Garbage_before_the_handshake_is_logged_in_one_line_without_a_stack_trace_and_escaped()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        using var raw = await ConnectAsync(node.Listener);
        var port = ((System.Net.IPEndPoint)raw.Client.LocalEndPoint!).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await raw.GetStream().WriteAsync("GARBAGE\u001b[31mRED\0\u0001garbage garbage\n"u8.ToArray());

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("malformed input") && node.Listener.UnauthenticatedConnections == 0));
        var lines = node.Log.Lines.Where(l => l.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.DoesNotContain("unexpectedly", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" at GossipActors", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_name_with_control_characters_is_logged_escaped()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(cluster: "prod"));
        var dialer = new Dialer(LoopbackNode.SettingsFor() with { ClusterName = "evil\u001b[31m\nforged line" }, new ListLogger());

        await Assert.ThrowsAsync<HandshakeRejectedException>(() => dialer.ConnectAsync(node.Address));

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("theirs 'evil\\x1b[31m\\nforged line'")));
        Assert.DoesNotContain(node.Log.Lines, l => l.Any(char.IsControl));
    }

    [Fact]
    public async Task A_peer_trickling_into_a_large_message_after_the_handshake_is_cut_off_at_the_progress_timeout()
    {
        var clock = new VirtualClock();
        var log = new ListLogger();
        var settings = LoopbackNode.SettingsFor() with { Address = new EndpointAddress("127.0.0.1", 0) };
        var accepted = new List<Connection>();
        await using var listener = Listener.Start(settings, log, c => { lock (accepted) { accepted.Add(c); } }, time: clock);
        using var raw = await ConnectAsync(listener);
        var stream = raw.GetStream();
        var codec = new WireCodec(settings.CodecLimits);
        var hello = Frame(
            codec.Encode(new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, "test", new EndpointAddress("127.0.0.1", 9), Guid.NewGuid(), 1, "dc1", TlsEnabled: false)),
            codec.Encode(new KeyringOffer(false, new byte[WireFormat.KeyringTokenSize])));
        await stream.WriteAsync(hello);
        Assert.True(await Eventually.HoldsAsync(() => { lock (accepted) { return accepted.Count == 1; } }));
        var connection = accepted[0];

        // Authenticated: a 16 MiB declaration is allowed now, and costs only what arrives of it.
        var header = FirstFrameHeader(3, payloadLength: 60_000, declared: 16 << 20);
        await stream.WriteAsync(header);
        await stream.WriteAsync(new byte[] { 42 });
        Assert.True(await Eventually.HoldsAsync(() => connection.BytesReceived == hello.Length + header.Length + 1));
        Assert.True(connection.IsOpen);

        clock.Advance(settings.MessageProgressTimeout + settings.StallCheckInterval);

        Assert.True(await Eventually.HoldsAsync(() => !connection.IsOpen));
        Assert.True(log.Contains("has been incomplete for"));
        Assert.True(log.Contains("over remote.message-progress-timeout (30 s)"));
    }

    [Fact]
    public void The_frames_fuzz_target_finds_no_reservation_of_declared_lengths_in_the_corpus()
    {
        // afl-fuzz's finding known-reassembler-reserves-declared-length.bin (12 bytes reserving 256 KiB) among the rest:
        // the allocation guard allows no byte held for a message beyond what arrived of it.
        var target = GossipActors.Fuzz.FuzzTargets.Create("frames");
        var corpus = GossipActors.Fuzz.CorpusReplay.CheckedIn("frames");
        Assert.Contains(corpus, c => c.Name.Contains("known-reassembler-reserves-declared-length", StringComparison.Ordinal));

        var findings = GossipActors.Fuzz.CorpusReplay.Findings(target, new GossipActors.Fuzz.AllocationGuard(target), target.Seeds().Concat(corpus));

        Assert.Empty(findings);
    }

    [Fact]
    public async Task A_compressed_message_before_the_handshake_is_refused_without_being_inflated()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        using var raw = await ConnectAsync(node.Listener);
        // A megabyte of zeros compresses to a few bytes: a stranger must not make the node inflate it.
        var bomb = MessageCompressor.TryCompress(new byte[1024 * 1024])!;
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1500, ipv6: false));
        scheduler.Enqueue(bomb, MessagePriority.Urgent, compressed: true);
        var wire = new ArrayBufferWriter<byte>();
        scheduler.WriteFrames(wire, int.MaxValue);
        await raw.GetStream().WriteAsync(wire.WrittenMemory);

        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("sent a compressed message before completing the handshake")));
        Assert.True(await Eventually.HoldsAsync(() => node.Listener.UnauthenticatedConnections == 0));
    }

    private static async Task<TcpClient> ConnectAsync(Listener listener)
    {
        var client = new TcpClient();
        await client.ConnectAsync(listener.LocalEndPoint);
        return client;
    }

    /// <summary>Connects and reads until the listener closes or resets the connection (the reset may come during the connect).</summary>
    private static async Task ConnectUntilClosedAsync(Listener listener)
    {
        try
        {
            using var client = await ConnectAsync(listener);
            var buffer = new byte[16];
            while (await client.GetStream().ReadAsync(buffer) > 0)
            {
            }
        }
        catch (Exception error) when (error is IOException or SocketException)
        {
            // Reset: refused.
        }
    }

    private static byte[] FirstFrameHeader(uint streamId, ushort payloadLength, uint declared)
    {
        var header = new byte[FrameFormat.FirstFrameHeaderSize];
        BinaryPrimitives.WriteUInt32BigEndian(header, streamId);
        header[4] = (byte)FrameFlags.First;
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(5), payloadLength);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(FrameFormat.HeaderSize), declared);
        return header;
    }

    /// <summary>The messages framed as streams 1, 2, … in order.</summary>
    private static byte[] Frame(params byte[][] payloads)
    {
        var scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(1500, ipv6: false));
        foreach (var payload in payloads)
        {
            scheduler.Enqueue(payload, MessagePriority.Urgent);
        }

        var wire = new ArrayBufferWriter<byte>();
        scheduler.WriteFrames(wire, int.MaxValue);
        return wire.WrittenSpan.ToArray();
    }
}
