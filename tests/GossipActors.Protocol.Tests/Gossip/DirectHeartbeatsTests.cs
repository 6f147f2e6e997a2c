using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>Who gets a node's direct heartbeat, and which received ones count (shared by the gossiper and the simulation).</summary>
public sealed class DirectHeartbeatsTests
{
    private static readonly EndpointAddress Local = new("10.0.0.1", 7000);
    private static readonly EndpointAddress Peer = new("10.0.0.2", 7000);
    private static readonly EndpointAddress Stranger = new("10.0.0.9", 7000);

    [Fact]
    public void Nobody_gets_a_heartbeat_before_gossip_runs()
    {
        var core = NewCore();

        Assert.Empty(new ObserverRing(core, 0, 500).Targets(0));
        Assert.False(DirectHeartbeats.Accepts(core, Peer, new GossipHeartbeat(1)));
    }

    [Fact]
    public void With_every_peer_observing_live_and_convicted_peers_get_it_so_a_conviction_never_silences_the_other_side()
    {
        var core = RunningWithPeer(peerGeneration: 5);
        var ring = new ObserverRing(core, 0, 500);
        Assert.Equal([Peer], ring.Targets(2_000));

        core.Convict(Peer, 10_000);

        Assert.DoesNotContain(Peer, core.LiveEndpoints);
        Assert.Equal([Peer], ring.Targets(10_000));
    }

    [Fact]
    public void Only_known_peers_of_the_current_or_a_newer_incarnation_count()
    {
        var core = RunningWithPeer(peerGeneration: 5);

        Assert.True(DirectHeartbeats.Accepts(core, Peer, new GossipHeartbeat(5)));
        Assert.True(DirectHeartbeats.Accepts(core, Peer, new GossipHeartbeat(6)));
        Assert.False(DirectHeartbeats.Accepts(core, Peer, new GossipHeartbeat(4)));
        Assert.False(DirectHeartbeats.Accepts(core, Stranger, new GossipHeartbeat(5)));
        Assert.False(DirectHeartbeats.Accepts(core, Local, new GossipHeartbeat(core.Generation)));
    }

    private static GossipNodeCore NewCore() => new(
        new GossipNodeOptions
        {
            LocalEndpoint = Local,
            HostId = Guid.NewGuid(),
            Generation = 3,
            Settings = TestSettings.Gossip("test", [Local]),
        },
        new Random(1));

    private static GossipNodeCore RunningWithPeer(int peerGeneration)
    {
        var core = NewCore();
        core.AddSavedEndpoint(Peer);
        core.Start(0, skipShadowRound: true);
        var state = EndpointState.Create(new HeartBeatState(peerGeneration, 1));
        var output = core.Receive(new GossipEnvelope(Peer, Local, new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [Peer] = state })), 1_000);
        var echo = output.Messages.Select(m => m.Message).OfType<Echo>().Single();
        core.Receive(new GossipEnvelope(Peer, Local, new EchoReply(echo.Id)), 1_010);
        Assert.Equal(GossipNodePhase.Running, core.Phase);
        Assert.Contains(Peer, core.LiveEndpoints);
        Assert.Equal(peerGeneration, core.Table.Get(Peer)!.HeartBeat.Generation);
        return core;
    }
}
