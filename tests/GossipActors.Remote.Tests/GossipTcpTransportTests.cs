using Akka.Actor;
using Akka.Event;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Transport;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>Two or three real ActorSystems over the gtcp transport on loopback, with real time and deadlines.</summary>
public sealed class GossipTcpTransportTests : global::Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public GossipTcpTransportTests()
        : base(GtcpSystems.Config(), "gossip")
    {
    }

    [Fact]
    public async Task An_application_actor_gets_a_small_and_a_100_kilobyte_message_cut_into_frames_that_fit_the_mtu()
    {
        var b = GtcpSystems.Create("gossip");
        try
        {
            var probe = CreateTestProbe();
            b.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");
            var inbox = GtcpSystems.Remote(Sys, b, "inbox");

            inbox.Tell("small", TestActor);
            Assert.Equal("small", probe.ExpectMsg<string>(Deadline));
            var large = new string('x', 100_000);
            inbox.Tell(large, TestActor);
            Assert.Equal(large, probe.ExpectMsg<string>(Deadline));

            var counters = GtcpSystems.Transport(Sys).Counters;
            Assert.True(counters.FramesSent >= 100_000 / 1500, $"{counters.FramesSent} frames sent for 100 KB");
            var outbound = await Sys.ActorSelection("/system/gossip-transport/outbound-*/framer").ResolveOne(Deadline);
            Assert.Equal("framer", outbound.Path.Name);
        }
        finally
        {
            await b.Terminate();
        }
    }

    [Fact]
    public async Task A_peer_of_another_cluster_is_refused_with_both_names_and_other_peers_are_not_disturbed()
    {
        var b = GtcpSystems.Create("gossip");
        var other = GtcpSystems.Create("gossip", cluster: "other-cluster");
        try
        {
            var failures = CreateTestProbe();
            Sys.EventStream.Subscribe(failures, typeof(PeerDialFailed));
            var probe = CreateTestProbe();
            b.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");
            other.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");

            GtcpSystems.Remote(Sys, other, "inbox").Tell("to the wrong cluster", TestActor);
            var failed = failures.ExpectMsg<PeerDialFailed>(Deadline);
            Assert.Equal(GtcpSystems.Endpoint(other), failed.Peer);
            Assert.Contains("refused our connection: ClusterNameMismatch (theirs 'other-cluster', ours 'test')", failed.Reason, StringComparison.Ordinal);

            GtcpSystems.Remote(Sys, b, "inbox").Tell("to the right one", TestActor);
            Assert.Equal("to the right one", probe.ExpectMsg<string>(Deadline));
            probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
            Assert.NotNull(GtcpSystems.Transport(Sys).Counters.Diagnose(GtcpSystems.Endpoint(Sys), GtcpSystems.Endpoint(other)));
        }
        finally
        {
            await b.Terminate();
            await other.Terminate();
        }
    }

    [Fact]
    public async Task A_message_over_the_reassembly_limit_closes_only_the_offending_connection_and_the_node_keeps_serving()
    {
        var b = GtcpSystems.Create("gossip", extra: "remote.reassembly-buffer-limit = 50000");
        try
        {
            var probe = CreateTestProbe();
            b.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");
            var endpoint = GtcpSystems.Endpoint(b);
            var before = RemoteCounters.MalformedInputs;
            await using var offender = await new Dialer(GtcpSystems.Transport(Sys).Settings, new ListLogger()).ConnectAsync(endpoint);

            offender.SendPayload(new byte[60_000]);

            await offender.Completion.WaitAsync(Deadline);
            Assert.True(RemoteCounters.MalformedInputs > before);
            GtcpSystems.Remote(Sys, b, "inbox").Tell("still serving", TestActor);
            Assert.Equal("still serving", probe.ExpectMsg<string>(Deadline));
        }
        finally
        {
            await b.Terminate();
        }
    }

    [Fact]
    public async Task An_oversized_message_is_dropped_with_an_error_naming_the_limit_and_the_association_survives()
    {
        var b = GtcpSystems.Create("gossip");
        try
        {
            var probe = CreateTestProbe();
            b.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");
            var inbox = GtcpSystems.Remote(Sys, b, "inbox");
            inbox.Tell("first", TestActor);
            Assert.Equal("first", probe.ExpectMsg<string>(Deadline));

            var limit = GtcpSystems.Transport(Sys).MaximumPayloadBytes;
            await EventFilter.Custom(e => e is Error { Cause: { } cause } && cause.GetType().Name == "OversizedPayloadException").ExpectOneAsync(() =>
            {
                inbox.Tell(new string('o', (int)limit + 10), TestActor);
                return Task.CompletedTask;
            });

            inbox.Tell("after", TestActor);
            Assert.Equal("after", probe.ExpectMsg<string>(Deadline));
        }
        finally
        {
            await b.Terminate();
        }
    }

    [Fact]
    public async Task What_was_sent_before_the_system_terminates_is_flushed_to_the_peer()
    {
        var a = GtcpSystems.Create("gossip");
        var probe = CreateTestProbe();
        Sys.ActorOf(Props.Create(() => new Forwarder(probe.Ref)), "inbox");
        var inbox = GtcpSystems.Remote(a, Sys, "inbox");
        inbox.Tell("hello", ActorRefs.NoSender);
        Assert.Equal("hello", probe.ExpectMsg<string>(Deadline));

        inbox.Tell(new string('s', 37 * 1024), ActorRefs.NoSender);
        inbox.Tell("last words", ActorRefs.NoSender);
        await a.Terminate();

        // The small one may overtake the large one (small frames go first); both must arrive.
        var arrived = new[] { probe.ExpectMsg<string>(Deadline), probe.ExpectMsg<string>(Deadline) };
        Assert.Contains("last words", arrived);
        Assert.Contains(arrived, m => m.Length == 37 * 1024);
    }

    [Fact]
    public void Child_names_are_valid_for_ipv4_and_ipv6_peers()
    {
        Assert.Equal("10.0.0.1_7000", TransportSupervisor.ChildName(new EndpointAddress("10.0.0.1", 7000)));
        Assert.Equal("fe80::1~eth0_7000", TransportSupervisor.ChildName(new EndpointAddress("fe80::1%eth0", 7000)));
    }

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef to) => ReceiveAny(message => to.Forward(message));
    }
}
