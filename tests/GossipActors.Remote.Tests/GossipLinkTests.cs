using Akka.Actor;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Transport;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// Gossip's own links (one outbound connection per peer, <see cref="GossipLinks"/>) between real systems on loopback:
/// a peer that restarts on its address must be heard again, and heard on a fresh link whose compact tables start empty.
/// </summary>
public sealed class GossipLinkTests : global::Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    public GossipLinkTests()
        : base(GtcpSystems.Config(), "gossip")
    {
    }

    [Fact]
    public async Task A_peer_killed_and_restarted_on_its_address_gets_what_this_node_sends_it_afterwards()
    {
        var survivor = GtcpSystems.Transport(Sys);
        var survivorInbox = CreateTestProbe();
        survivor.AttachGossiper(survivorInbox.Ref);
        var victim = GtcpSystems.Create();
        var victimAddress = GtcpSystems.Endpoint(victim);
        var victimInbox = CreateTestProbe();
        GtcpSystems.Transport(victim).AttachGossiper(victimInbox.Ref);
        ActorSystem? restarted = null;
        try
        {
            survivor.SendGossip(victimAddress, new GossipHeartbeat(1));
            Assert.Equal(new GossipHeartbeat(1), victimInbox.ExpectMsg<GossipEnvelope>(Deadline).Message);

            await victim.Terminate();
            // What the survivor sends while the peer is down ends its link: the lost connection, then a refused dial.
            for (var i = 0; i < 100; i++)
            {
                survivor.SendGossip(victimAddress, new GossipHeartbeat(1));
                Assert.True(await Eventually.HoldsAsync(() => !survivor.HoldsGossipLink(victimAddress)), $"the link to stopped {victimAddress} was kept after message {i + 1}");
            }

            restarted = GtcpSystems.CreateOn(victimAddress.Port);
            var restartedInbox = CreateTestProbe();
            GtcpSystems.Transport(restarted).AttachGossiper(restartedInbox.Ref);
            GtcpSystems.Transport(restarted).SendGossip(GtcpSystems.Endpoint(Sys), new GossipHeartbeat(2));
            var hello = survivorInbox.FishForMessage<GossipEnvelope>(e => e.Message is GossipHeartbeat { Generation: 2 }, Deadline);
            Assert.Equal(victimAddress, hello.From);

            // The reply: the seed's ACK to a restarted joiner, in the crash-and-restart scenario.
            survivor.SendGossip(victimAddress, new GossipHeartbeat(1));
            Assert.Equal(new GossipHeartbeat(1), restartedInbox.ExpectMsg<GossipEnvelope>(Deadline).Message);
        }
        finally
        {
            await victim.Terminate();
            if (restarted is not null)
            {
                await restarted.Terminate();
            }
        }
    }

    [Fact]
    public async Task Gossip_from_another_incarnation_of_a_peer_replaces_the_link_to_it_and_the_new_link_starts_with_empty_tables()
    {
        var local = GtcpSystems.Transport(Sys);
        var peer = GtcpSystems.Create();
        var peerAddress = GtcpSystems.Endpoint(peer);
        var peerInbox = CreateTestProbe();
        GtcpSystems.Transport(peer).AttachGossiper(peerInbox.Ref);
        try
        {
            var syn = new GossipDigestSyn("test", [new GossipDigest(peerAddress, 7, 3)]);
            local.SendGossip(peerAddress, syn);
            Assert.Equal(syn.Digests, Assert.IsType<GossipDigestSyn>(peerInbox.ExpectMsg<GossipEnvelope>(Deadline).Message).Digests);
            var opened = local.Counters.ConnectionsOpened;

            // The same incarnation (what the link's handshake reported) changes nothing.
            local.SawGossipFrom(peerAddress, GtcpSystems.Transport(peer).Settings.Generation);
            Assert.True(local.HoldsGossipLink(peerAddress));

            // Another one: a node restarted on that address. The link goes; the next message dials a new connection,
            // and a compact SYN written against a fresh table decodes on the peer's fresh table.
            local.SawGossipFrom(peerAddress, GtcpSystems.Transport(peer).Settings.Generation + 1);
            Assert.False(local.HoldsGossipLink(peerAddress));
            var next = new GossipDigestSyn("test", [new GossipDigest(peerAddress, 7, 4)]);
            local.SendGossip(peerAddress, next);
            Assert.Equal(next.Digests, Assert.IsType<GossipDigestSyn>(peerInbox.ExpectMsg<GossipEnvelope>(Deadline).Message).Digests);
            Assert.True(await Eventually.HoldsAsync(() => local.Counters.ConnectionsOpened > opened), "no new connection was dialled");
        }
        finally
        {
            await peer.Terminate();
        }
    }

    [Fact]
    public async Task Peers_that_only_gossip_have_no_akka_association_and_their_idle_gossip_connections_send_no_keep_alives()
    {
        // Keep-alives every 100 ms on any other connection: a second of silence on these is ten that did not go.
        var extra = "remote.idle-keepalive-interval = 100ms";
        var a = GtcpSystems.Create(extra: extra);
        var b = GtcpSystems.Create(extra: extra);
        try
        {
            var (aInbox, bInbox) = (CreateTestProbe(a), CreateTestProbe(b));
            GtcpSystems.Transport(a).AttachGossiper(aInbox.Ref);
            GtcpSystems.Transport(b).AttachGossiper(bInbox.Ref);
            GtcpSystems.Transport(a).SendGossip(GtcpSystems.Endpoint(b), new GossipHeartbeat(1));
            GtcpSystems.Transport(b).SendGossip(GtcpSystems.Endpoint(a), new GossipHeartbeat(2));
            bInbox.ExpectMsg<GossipEnvelope>(Deadline);
            aInbox.ExpectMsg<GossipEnvelope>(Deadline);

            var before = (GtcpSystems.Transport(a).Counters.BytesReceived, GtcpSystems.Transport(b).Counters.BytesReceived);
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.Equal(before, (GtcpSystems.Transport(a).Counters.BytesReceived, GtcpSystems.Transport(b).Counters.BytesReceived));

            // Gossip went on the transport's own links: no Akka association, so none of Akka's heartbeats either.
            foreach (var system in new[] { a, b })
            {
                await Assert.ThrowsAsync<ActorNotFoundException>(() => system.ActorSelection("/system/gossip-transport/outbound-*").ResolveOne(TimeSpan.FromSeconds(1)));
            }
        }
        finally
        {
            await a.Terminate();
            await b.Terminate();
        }
    }

    [Fact]
    public async Task A_small_ack_goes_back_on_the_connection_its_syn_came_in_on_and_a_large_one_on_the_nodes_own_link()
    {
        var a = GtcpSystems.Transport(Sys);
        var aInbox = CreateTestProbe();
        a.AttachGossiper(aInbox.Ref);
        var b = GtcpSystems.Create();
        var (aAddress, bAddress) = (GtcpSystems.Endpoint(Sys), GtcpSystems.Endpoint(b));
        var bInbox = CreateTestProbe();
        GtcpSystems.Transport(b).AttachGossiper(bInbox.Ref);
        try
        {
            a.SendGossip(bAddress, new GossipDigestSyn("test", [new GossipDigest(aAddress, 7, 3)]));
            Assert.IsType<GossipDigestSyn>(bInbox.ExpectMsg<GossipEnvelope>(Deadline).Message);

            var small = new GossipDigestAck([new GossipDigest(aAddress, 7, 1)], new EndpointStateList());
            GtcpSystems.Transport(b).SendGossip(aAddress, small);
            var back = aInbox.ExpectMsg<GossipEnvelope>(Deadline);
            Assert.Equal(bAddress, back.From);
            Assert.Equal(small.Requests, Assert.IsType<GossipDigestAck>(back.Message).Requests);
            Assert.False(GtcpSystems.Transport(b).HoldsGossipLink(aAddress));

            var states = new EndpointStateList();
            states.Add(bAddress, EndpointState.Create(new HeartBeatState(9, 4)).With("blob", new VersionedValue(new string('x', 2_000), 4)));
            GtcpSystems.Transport(b).SendGossip(aAddress, new GossipDigestAck([], states));
            var large = Assert.IsType<GossipDigestAck>(aInbox.ExpectMsg<GossipEnvelope>(Deadline).Message);
            Assert.Equal(2_000, large.States[bAddress].ApplicationStates["blob"].Value.Length);
            Assert.True(GtcpSystems.Transport(b).HoldsGossipLink(aAddress));
        }
        finally
        {
            await b.Terminate();
        }
    }
}
