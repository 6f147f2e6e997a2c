using System.Collections.Concurrent;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class ConnectionTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Handshake_then_messages_flow_both_ways_over_ipv4_and_ipv6(string host)
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(host));
        var log = new ListLogger();
        var replies = new ConcurrentQueue<IGossipMessage>();
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(host) with { DataCenter = "dc7" }, log).ConnectAsync(node.Address);
        connection.MessageReceived += (_, m) => replies.Enqueue(m);

        Assert.True(connection.Send(new Echo(42)));
        Assert.True(await Eventually.HoldsAsync(() => replies.Contains(new EchoReply(42))));
        Assert.Equal(node.Settings.HostId, connection.RemoteAccepted!.HostId);
        Assert.Equal("dc7", Assert.Single(node.Accepted).RemoteHello!.DataCenter);
    }

    [Fact]
    public async Task A_37_kilobyte_ack_arrives_intact_in_mtu_sized_frames()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(node.Address);
        var ack = LargeAck(37 * 1024);

        connection.Send(ack);

        Assert.True(await Eventually.HoldsAsync(() => node.Received.OfType<GossipDigestAck>().Any()));
        var received = node.Received.OfType<GossipDigestAck>().Single();
        Assert.Equal(ack.States.Single().Value, received.States.Single().Value);
        Assert.Equal(1460, connection.MaximumFrameSize);
    }

    [Fact]
    public async Task Messages_that_arrive_before_the_acceptor_subscribes_are_handed_to_its_first_handler()
    {
        var counters = new GossipActors.Remote.Diagnostics.TransportCounters();
        var accepted = new ConcurrentQueue<Connection>();
        var settings = LoopbackNode.SettingsFor() with { Address = new EndpointAddress("127.0.0.1", 0), Counters = counters };
        await using var listener = Listener.Start(settings, new ListLogger(), accepted.Enqueue);
        await using var connection = await new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(new EndpointAddress("127.0.0.1", listener.LocalEndPoint.Port));

        connection.Send(new Echo(7));
        Assert.True(await Eventually.HoldsAsync(() => counters.MessagesReceived == 1 && !accepted.IsEmpty));
        var seen = new List<IGossipMessage>();
        accepted.Single().MessageReceived += (_, m) => seen.Add(m);

        Assert.Equal([new Echo(7)], seen);
        await accepted.Single().CloseAsync(null);
    }

    [Fact]
    public async Task Cluster_name_mismatch_is_logged_with_both_values_on_both_sides()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor(cluster: "prod"));
        var dialerLog = new ListLogger();
        var dialer = new Dialer(LoopbackNode.SettingsFor(cluster: "staging"), dialerLog);

        var error = await Assert.ThrowsAsync<HandshakeRejectedException>(() => dialer.ConnectAsync(node.Address));

        Assert.Equal(RejectReason.ClusterNameMismatch, error.Rejection!.Reason);
        Assert.Contains("refused our connection: ClusterNameMismatch (theirs 'prod', ours 'staging')", error.Message, StringComparison.Ordinal);
        Assert.True(dialerLog.Contains("(theirs 'prod', ours 'staging')"));
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("ClusterNameMismatch (ours 'prod', theirs 'staging')")));
        Assert.True(node.Log.Contains("refused connection from 127.0.0.1:"));
        Assert.Empty(node.Accepted);
    }

    [Fact]
    public void Handshake_policy_names_protocol_version_and_tls_mismatches()
    {
        var local = LoopbackNode.SettingsFor() with { Tls = new TlsSettings(true) };
        var hello = new Hello(WireFormat.Magic, 99, "test", new EndpointAddress("10.0.0.9", 7000), Guid.Empty, 1, "dc1", TlsEnabled: false);

        var version = HandshakePolicy.Check(hello, local)!;
        var tls = HandshakePolicy.Check(hello with { ProtocolVersion = WireFormat.ProtocolVersion }, local)!;

        Assert.Equal((RejectReason.ProtocolVersionMismatch, WireFormat.ProtocolVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "99"), (version.Reason, version.LocalValue, version.RemoteValue));
        Assert.Equal((RejectReason.TlsRequired, "tls", "plaintext"), (tls.Reason, tls.LocalValue, tls.RemoteValue));
        Assert.Null(HandshakePolicy.Check(hello with { ProtocolVersion = WireFormat.ProtocolVersion, TlsEnabled = true }, local));
        Assert.Equal(RejectReason.BadMagic, HandshakePolicy.Check(hello with { Magic = 1 }, local)!.Reason);
    }

    [Fact]
    public async Task Garbage_from_a_client_closes_only_that_connection_and_counts_it()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        var before = RemoteCounters.MalformedInputs;
        using (var raw = new TcpClient())
        {
            await raw.ConnectAsync(node.Listener.LocalEndPoint);
            // A first frame declaring a 2 GiB message.
            await raw.GetStream().WriteAsync(new byte[] { 0, 0, 0, 1, 1, 0, 4, 0x7F, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4 });
            Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("malformed input")));
        }

        Assert.True(RemoteCounters.MalformedInputs > before);
        Assert.True(node.Log.Contains("over remote.maximum-message-size (16777216)"));
        await using var healthy = await new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(node.Address);
        Assert.True(healthy.IsOpen);
    }

    [Fact]
    public async Task A_client_that_never_handshakes_is_closed_after_the_handshake_timeout()
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });
        using var raw = new TcpClient();
        await raw.ConnectAsync(node.Listener.LocalEndPoint);
        Assert.True(await Eventually.HoldsAsync(() => node.Log.Contains("sent nothing within remote.handshake-timeout")));
    }

    [Theory]
    [InlineData(CompressionMode.All, "dc1", true)]
    [InlineData(CompressionMode.Dc, "dc2", true)]
    [InlineData(CompressionMode.Dc, "dc1", false)]
    [InlineData(CompressionMode.None, "dc2", false)]
    public async Task Compression_applies_per_mode_and_messages_arrive_intact(CompressionMode mode, string dialerDc, bool compressed)
    {
        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor() with { Compression = mode });
        var settings = LoopbackNode.SettingsFor() with { Compression = mode, DataCenter = dialerDc };
        await using var connection = await new Dialer(settings, new ListLogger()).ConnectAsync(node.Address);
        var ack = LargeAck(20_000);

        connection.Send(ack);

        Assert.True(await Eventually.HoldsAsync(() => node.Received.OfType<GossipDigestAck>().Any()));
        Assert.Equal(ack.States.Single().Value, node.Received.OfType<GossipDigestAck>().Single().States.Single().Value);
        Assert.Equal(compressed, connection.IsCompressing);
    }

    [Fact]
    public async Task Explicit_mtu_clamps_the_segment_size_seen_in_tcp_info()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        await using var node = LoopbackNode.Start(LoopbackNode.SettingsFor());
        await using var connection = await new Dialer(LoopbackNode.SettingsFor() with { ExplicitMtu = 1422 }, new ListLogger()).ConnectAsync(node.Address);

        var info = connection.ReadTcpInfo();

        Assert.NotNull(info);
        Assert.Equal(1422, connection.ClampedMtu);
        Assert.Equal(1382, info.Value.FullSegmentBytes);
        Assert.Equal(1382, connection.MaximumFrameSize);
    }

    [Fact]
    public async Task Connecting_to_a_closed_port_fails_with_the_reason()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();

        var error = await Assert.ThrowsAsync<IOException>(() => new Dialer(LoopbackNode.SettingsFor(), new ListLogger()).ConnectAsync(new EndpointAddress("127.0.0.1", port)));
        Assert.Contains("ConnectionRefused", error.Message, StringComparison.Ordinal);
    }

    internal static GossipDigestAck LargeAck(int size)
    {
        var state = EndpointState.Create(new HeartBeatState(1, 2)).With("BLOB", new VersionedValue(new string('z', size), 2));
        return new GossipDigestAck([], new Dictionary<EndpointAddress, EndpointState> { [new EndpointAddress("10.0.0.1", 7000)] = state });
    }
}
