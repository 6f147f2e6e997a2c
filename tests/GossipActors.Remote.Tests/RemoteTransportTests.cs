using System.Net;
using System.Net.Sockets;
using GossipActors.Actors;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Actors;
using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>The actor layer over real loopback sockets: the TestKit runs on the thread pool and real time.</summary>
public sealed class RemoteTransportTests : TestKit.TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public RemoteTransportTests()
        : base(new TestKitOptions { Deterministic = false, RealTime = true, DefaultTimeout = TimeSpan.FromSeconds(20) })
    {
    }

    [Fact]
    public async Task Two_transports_exchange_gossip_and_replies_go_back_to_the_advertised_address()
    {
        var inboundA = CreateTestProbe("inbound-a");
        var inboundB = CreateTestProbe("inbound-b");
        var systemB = ActorSystem.Create("node-b", Sys.Settings);
        try
        {
            var a = RemoteTransport.Start(Sys, Settings("test"), inboundA);
            var b = RemoteTransport.Start(systemB, Settings("test"), inboundB);

            a.Send(b.LocalAddress, new GossipDigestSyn("test", [new GossipDigest(a.LocalAddress, 1, 5)]));
            var syn = inboundB.ExpectMsg<GossipEnvelope>(e => e.Message is GossipDigestSyn, Deadline);
            Assert.Equal(a.LocalAddress, syn.From);
            Assert.Equal(b.LocalAddress, syn.To);

            b.Send(syn.From, ConnectionTests.LargeAck(37 * 1024));
            var ack = inboundA.ExpectMsg<GossipEnvelope>(e => e.Message is GossipDigestAck, Deadline);
            Assert.Equal(b.LocalAddress, ack.From);
        }
        finally
        {
            await systemB.Terminate();
        }
    }

    [Fact]
    public async Task A_peer_that_refuses_us_is_reported_and_does_not_disturb_other_peers()
    {
        var inboundA = CreateTestProbe("inbound-a");
        var inboundB = CreateTestProbe("inbound-b");
        var failures = CreateTestProbe("failures");
        Sys.EventStream.Subscribe(failures, typeof(PeerDialFailed));
        var systemB = ActorSystem.Create("node-b", Sys.Settings);
        var systemC = ActorSystem.Create("node-c", Sys.Settings);
        try
        {
            var a = RemoteTransport.Start(Sys, Settings("test"), inboundA);
            var b = RemoteTransport.Start(systemB, Settings("test"), inboundB);
            var other = RemoteTransport.Start(systemC, Settings("other-cluster"), CreateTestProbe("inbound-c"));

            a.Send(other.LocalAddress, new Echo(1));
            // The first dials may race the peer's listener start-up; the rejection follows once it listens.
            var failed = failures.FishForMessage<PeerDialFailed>(
                f => f.Peer == other.LocalAddress && f.Reason.Contains("ClusterNameMismatch", StringComparison.Ordinal),
                Deadline);
            Assert.Contains("refused our connection: ClusterNameMismatch (theirs 'other-cluster', ours 'test')", failed.Reason, StringComparison.Ordinal);

            a.Send(b.LocalAddress, new Echo(2));
            Assert.Equal(new Echo(2), inboundB.ExpectMsg<GossipEnvelope>(timeout: Deadline).Message);
        }
        finally
        {
            await systemB.Terminate();
            await systemC.Terminate();
        }
    }

    [Fact]
    public async Task A_message_over_the_reassembly_limit_closes_only_its_connection_at_the_framer_and_the_node_keeps_serving()
    {
        var inbound = CreateTestProbe("inbound");
        var transport = RemoteTransport.Start(Sys, Settings("test") with { ReassemblyBufferLimit = 50_000 }, inbound);
        await using var offender = await ConnectEventuallyAsync(transport.LocalAddress);
        offender.Send(new Echo(1));
        inbound.ExpectMsg<GossipEnvelope>(e => e.Message is Echo, Deadline);
        Assert.Contains(Sys.GetActorStats(), s => s.Path.ToString().StartsWith("/user/remote/inbound-", StringComparison.Ordinal) && s.Path.ToString().EndsWith("/framer", StringComparison.Ordinal));
        var before = RemoteCounters.MalformedInputs;

        offender.Send(ConnectionTests.LargeAck(60_000));

        await offender.Completion.WaitAsync(Deadline);
        Assert.True(RemoteCounters.MalformedInputs > before);
        await using var healthy = await ConnectEventuallyAsync(transport.LocalAddress);
        healthy.Send(new Echo(2));
        Assert.Equal(new Echo(2), inbound.ExpectMsg<GossipEnvelope>(timeout: Deadline).Message);
    }

    [Fact]
    public void Child_names_are_valid_for_ipv4_and_ipv6_peers()
    {
        Assert.Equal("outbound-10.0.0.1_7000", RemoteActor.ChildName(new EndpointAddress("10.0.0.1", 7000)));
        Assert.Equal("outbound-fe80::1~eth0_7000", RemoteActor.ChildName(new EndpointAddress("fe80::1%eth0", 7000)));
    }

    private static RemoteSettings Settings(string cluster) => new()
    {
        Address = new EndpointAddress("127.0.0.1", FreePort()),
        ClusterName = cluster,
        HostId = Guid.NewGuid(),
        Generation = 1,
        BackoffMinimum = TimeSpan.FromMilliseconds(50),
        BackoffMaximum = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>The transport's listener starts with its actor; dial until it answers.</summary>
    private static async Task<Connection> ConnectEventuallyAsync(EndpointAddress address)
    {
        var dialer = new Dialer(Settings("test"), new ListLogger());
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            try
            {
                return await dialer.ConnectAsync(address);
            }
            catch (IOException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20));
            }
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
