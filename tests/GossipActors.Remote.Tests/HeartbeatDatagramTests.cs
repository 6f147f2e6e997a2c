using System.Net;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Datagrams;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// Heartbeats and watches as UDP datagrams (<c>remote.heartbeat-datagrams</c>) between real systems on loopback: they
/// reach the peer's gossiper from the sender's endpoint without a gossip link; garbage and another cluster's datagrams
/// are dropped, counted and logged with the source, and the node goes on; where datagrams are off (a keyring, the port
/// taken) they travel on the gossip link instead.
/// </summary>
public sealed class HeartbeatDatagramTests : global::Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public HeartbeatDatagramTests()
        : base(GtcpSystems.Config(), "gossip")
    {
    }

    [Fact]
    public async Task A_heartbeat_sent_as_a_datagram_reaches_the_peers_gossiper_from_the_senders_endpoint_without_a_gossip_link()
    {
        var receiver = GtcpSystems.Transport(Sys);
        var inbox = CreateTestProbe();
        receiver.AttachGossiper(inbox.Ref);
        var sender = GtcpSystems.Create();
        try
        {
            var from = GtcpSystems.Transport(sender);
            Assert.True(from.AcceptsDatagrams);
            Assert.True(receiver.AcceptsDatagrams);

            from.SendDatagram(receiver.Settings.Address, new GossipHeartbeat(7, 1_764_900_000_000));
            from.SendDatagram(receiver.Settings.Address, new GossipWatch(7, Datagrams: true));

            var heartbeat = inbox.ExpectMsg<GossipEnvelope>(Deadline);
            Assert.Equal(from.Settings.Address, heartbeat.From);
            Assert.Equal(new GossipHeartbeat(7, 1_764_900_000_000), heartbeat.Message);
            Assert.Equal(new GossipWatch(7, Datagrams: true), inbox.ExpectMsg<GossipEnvelope>(Deadline).Message);
            Assert.False(from.HoldsGossipLink(receiver.Settings.Address));
            Assert.Equal(2, from.Counters.DatagramsSent);
            Assert.Equal(2, receiver.Counters.DatagramsReceived);
        }
        finally
        {
            await sender.Terminate();
        }
    }

    [Fact]
    public async Task Garbage_and_another_clusters_datagrams_are_dropped_counted_and_logged_with_their_source_and_the_socket_goes_on()
    {
        var log = new ListLogger();
        var delivered = new List<(EndpointAddress From, IGossipMessage Message)>();
        var settings = RemoteSettingsBinder.Bind("gossip.cluster-name = \"ours\"") with { Counters = new Diagnostics.TransportCounters() };
        await using var socket = HeartbeatDatagramSocket.TryOpen(new IPEndPoint(IPAddress.Loopback, 0), settings, log, (from, message) =>
        {
            lock (delivered)
            {
                delivered.Add((from, message));
            }
        })!;
        using var stranger = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var codec = new WireCodec(settings.CodecLimits);

        await stranger.SendAsync(new byte[] { 0x16, 0x03, 0x01, 0x00 }.AsMemory(), socket.LocalEndPoint);
        await stranger.SendAsync(HeartbeatDatagram.Encode(codec, HeartbeatDatagram.ClusterTag("theirs"), null, new GossipHeartbeat(3)).AsMemory(), socket.LocalEndPoint);
        await stranger.SendAsync(HeartbeatDatagram.Encode(codec, HeartbeatDatagram.ClusterTag("ours"), null, new GossipHeartbeat(3)).AsMemory(), socket.LocalEndPoint);

        // The socket counts a datagram before it delivers or logs it, on its own thread: wait for all three.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            lock (delivered)
            {
                return settings.Counters.DatagramsReceived == 1 && settings.Counters.DatagramsRefused == 2 && delivered.Count == 1
                    && log.Lines.Any(l => l.Contains("dropped a datagram", StringComparison.Ordinal));
            }
        }));
        var source = (IPEndPoint)stranger.Client.LocalEndPoint!;
        lock (delivered)
        {
            Assert.Equal([(new EndpointAddress("127.0.0.1", source.Port), (IGossipMessage)new GossipHeartbeat(3))], delivered);
        }

        // The first refusal from an address is logged with it; the next within the minute only counted.
        var line = Assert.Single(log.Lines, l => l.Contains("dropped a datagram", StringComparison.Ordinal));
        Assert.Contains(source.ToString(), line, StringComparison.Ordinal);
        Assert.Contains("datagram.marker", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_keyring_a_node_opens_no_datagram_socket_and_a_datagram_send_goes_on_the_gossip_link()
    {
        var keyed = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1]));
        var peer = GtcpSystems.Create(extra: TestKeys.Keyring([TestKeys.K1]));
        try
        {
            var inbox = CreateTestProbe(peer);
            GtcpSystems.Transport(peer).AttachGossiper(inbox.Ref);
            var transport = GtcpSystems.Transport(keyed);
            Assert.False(transport.AcceptsDatagrams);

            transport.SendDatagram(GtcpSystems.Endpoint(peer), new GossipHeartbeat(5));

            Assert.Equal(new GossipHeartbeat(5), inbox.ExpectMsg<GossipEnvelope>(Deadline).Message);
            Assert.True(transport.HoldsGossipLink(GtcpSystems.Endpoint(peer)));
            Assert.Equal(0, transport.Counters.DatagramsSent);
        }
        finally
        {
            await keyed.Terminate();
            await peer.Terminate();
        }
    }

    [Fact]
    public void A_node_whose_udp_port_is_taken_says_so_and_runs_without_datagrams()
    {
        using var squatter = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)squatter.Client.LocalEndPoint!).Port;
        var log = new ListLogger();

        var socket = HeartbeatDatagramSocket.TryOpen(new IPEndPoint(IPAddress.Loopback, port), RemoteSettingsBinder.Bind(string.Empty), log, (_, _) => { });

        Assert.Null(socket);
        var line = Assert.Single(log.Lines);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("heartbeats travel on TCP", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("remote.heartbeat-datagrams = off", false)]
    [InlineData("remote.keyring.keys = [\"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=\"]", false)]
    public void Auto_opens_datagrams_unless_a_keyring_or_tls_protects_the_connections(string hocon, bool expected) =>
        Assert.Equal(expected, RemoteSettingsBinder.Bind(hocon).HeartbeatDatagrams);

    [Fact]
    public void An_unknown_value_is_refused_naming_the_setting_and_the_accepted_values()
    {
        var error = Assert.ThrowsAny<Exception>(() => RemoteSettingsBinder.Bind("remote.heartbeat-datagrams = udp"));
        Assert.Contains("remote.heartbeat-datagrams", error.Message, StringComparison.Ordinal);
        Assert.Contains("auto, off", error.Message, StringComparison.Ordinal);
    }
}
