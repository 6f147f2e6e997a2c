using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.ClusterOfCores;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>The claim rules: what an observer's UNREACHABLE state does to every other node's view.</summary>
public sealed class GossipedConvictionTests
{
    private const long HeartbeatMs = 500;

    private static bool Everything(EndpointAddress endpoint) => true;

    /// <summary>The heartbeat ticks after a claim that came at NowMs + 1 s: the next probe, then the verdict on two unanswered ones.</summary>
    private static GossipOutput TicksAfterClaim(GossipNodeCore core)
    {
        core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs - 1, HeartbeatMs);
        return core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs, HeartbeatMs);
    }

    private static Echo ProbeOf(GossipOutput output) => (Echo)Assert.Single(output.Messages, m => m.Message is Echo && m.To == Address(3)).Message;

    [Fact]
    public void A_claim_by_an_observer_that_is_UP_here_is_probed_and_marks_the_node_DOWN_naming_the_observer_when_unanswered()
    {
        var core = Running(local: 1, count: 5);

        var output = core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 1_000);

        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(3)));
        Assert.Single(output.Messages, m => m.Message is Echo && m.To == Address(3));
        Assert.Equal(Address(2), core.ClaimantOf(Address(3)));
        var quiet = core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs - 1, HeartbeatMs);
        Assert.DoesNotContain(quiet.Events, e => e.Kind == MembershipEventKind.Down);
        Assert.Single(quiet.Messages, m => m.Message is Echo && m.To == Address(3));

        var tick = core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs, HeartbeatMs);

        var down = Assert.Single(tick.Events, e => e.Kind == MembershipEventKind.Down);
        Assert.Equal(Address(3), down.Endpoint);
        Assert.Contains("convicted by 10.0.0.2:7000", down.Reason, StringComparison.Ordinal);
        Assert.Contains("did not answer this node's probes for 500 ms", down.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_claimed_node_that_answers_this_nodes_probes_stays_UP_here_until_it_stops_answering()
    {
        var core = Running(local: 1, count: 5);
        var probe = ProbeOf(core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 1_000));
        core.Receive(new GossipEnvelope(Address(3), core.LocalEndpoint, new EchoReply(probe.Id)), NowMs + 1_010);

        var tick = core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs, HeartbeatMs);

        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(3)));
        Assert.Empty(tick.Events);
        var next = ProbeOf(tick);
        Assert.NotEqual(probe.Id, next.Id);

        // Once it has answered, one lost probe or answer is no verdict: three unanswered over two intervals are.
        Assert.Empty(core.TickClaims(Everything, NowMs + 1_000 + (2 * HeartbeatMs), HeartbeatMs).Events);
        Assert.Empty(core.TickClaims(Everything, NowMs + 1_000 + (3 * HeartbeatMs), HeartbeatMs).Events);
        var silent = core.TickClaims(Everything, NowMs + 1_000 + (4 * HeartbeatMs), HeartbeatMs);

        Assert.Single(silent.Events, e => e.Kind == MembershipEventKind.Down && e.Endpoint == Address(3));
    }

    [Fact]
    public void A_claimed_node_DOWN_here_that_answers_a_later_probe_comes_back_UP_while_still_claimed()
    {
        var core = Running(local: 1, count: 5);
        core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 1_000);
        TicksAfterClaim(core);
        Assert.Equal(LivenessStatus.Down, core.LivenessOf(Address(3)));

        var retry = core.TickClaims(Everything, NowMs + 1_000 + HeartbeatMs + core.Options.Settings.EchoRetryMs, HeartbeatMs);
        var probe = ProbeOf(retry);
        var answer = core.Receive(new GossipEnvelope(Address(3), core.LocalEndpoint, new EchoReply(probe.Id)), NowMs + 10_000);

        Assert.Single(answer.Events, e => e.Kind == MembershipEventKind.Up && e.Endpoint == Address(3));
        Assert.Equal(Address(2), core.ClaimantOf(Address(3)));
    }

    [Fact]
    public void A_claim_about_an_earlier_generation_is_ignored()
    {
        var core = Running(local: 1, count: 5);

        core.Receive(Claims(core, Address(2), Claim(3, PeerGeneration - 10), version: 2), NowMs + 1_000);

        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(3)));
    }

    [Fact]
    public void A_claim_by_an_observer_that_is_DOWN_here_is_ignored()
    {
        var core = Running(local: 1, count: 5);
        core.Convict(Address(2), NowMs + 500);

        var output = core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 1_000);

        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(3)));
        Assert.DoesNotContain(output.Events, e => e.Kind == MembershipEventKind.Down);
        Assert.Null(core.ClaimantOf(Address(3)));
    }

    [Fact]
    public void While_claimed_the_node_stays_DOWN_and_once_withdrawn_an_echo_brings_it_UP()
    {
        var core = Running(local: 1, count: 5);
        core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 1_000);
        TicksAfterClaim(core);

        // Second-hand news of the node (a newer heartbeat through gossip) sends no echo while it is claimed.
        var news = core.Receive(new GossipEnvelope(Address(4), core.LocalEndpoint, new GossipDigestAck2(
            new Dictionary<EndpointAddress, EndpointState> { [Address(3)] = EndpointState.Create(new HeartBeatState(PeerGeneration, 5)) })), NowMs + 2_000);
        Assert.DoesNotContain(news.Messages, m => m.Message is Echo);
        Assert.Equal(LivenessStatus.Down, core.LivenessOf(Address(3)));

        var withdrawn = core.Receive(Claims(core, Address(2), "", version: 3), NowMs + 3_000);
        var echo = Assert.Single(withdrawn.Messages, m => m.Message is Echo && m.To == Address(3));
        var up = core.Receive(new GossipEnvelope(Address(3), core.LocalEndpoint, new EchoReply(((Echo)echo.Message).Id)), NowMs + 3_010);

        Assert.Contains(up.Events, e => e.Kind == MembershipEventKind.Up && e.Endpoint == Address(3));
        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(3)));
    }

    [Fact]
    public void An_echo_answered_after_a_claim_arrived_does_not_bring_the_node_UP()
    {
        var core = Running(local: 1, count: 5);
        core.Convict(Address(3), NowMs + 500);
        var news = core.Receive(new GossipEnvelope(Address(4), core.LocalEndpoint, new GossipDigestAck2(
            new Dictionary<EndpointAddress, EndpointState> { [Address(3)] = EndpointState.Create(new HeartBeatState(PeerGeneration, 5)) })), NowMs + 600);
        var echo = (Echo)Assert.Single(news.Messages, m => m.Message is Echo).Message;

        core.Receive(Claims(core, Address(2), Claim(3), version: 2), NowMs + 700);
        core.Receive(new GossipEnvelope(Address(3), core.LocalEndpoint, new EchoReply(echo.Id)), NowMs + 800);

        Assert.Equal(LivenessStatus.Down, core.LivenessOf(Address(3)));
    }

    [Fact]
    public void An_observers_conviction_is_published_pushed_to_every_live_peer_and_withdrawn_when_the_node_is_heard_again()
    {
        var core = Running(local: 1, count: 5);

        var convicted = core.Convict(Address(3), NowMs + 1_000, byObserver: true);

        Assert.Equal(Claim(3), core.Table.Get(core.LocalEndpoint)!.Get(ApplicationStateKeys.Unreachable)!.Value);
        Assert.Equal([Address(2), Address(4), Address(5)], convicted.Messages.Where(m => m.Message is GossipDigestAck2).Select(m => m.To).Order());
        Assert.Equal(core.LocalEndpoint, core.ClaimantOf(Address(3)));

        core.Recovered(Address(3), NowMs + 2_000);

        Assert.Equal("", core.Table.Get(core.LocalEndpoint)!.Get(ApplicationStateKeys.Unreachable)!.Value);
        Assert.Empty(core.OwnClaims);
        Assert.Null(core.ClaimantOf(Address(3)));
    }

    [Fact]
    public void The_application_cannot_set_UNREACHABLE_itself()
    {
        var core = Running(local: 1, count: 5);

        var output = core.SetApplicationState(ApplicationStateKeys.Unreachable, Claim(3), NowMs + 1_000);

        Assert.Contains(output.Warnings, w => w.Kind == GossipWarningKind.InvalidRequest && w.Message.Contains("UNREACHABLE", StringComparison.Ordinal));
        Assert.Null(core.Table.Get(core.LocalEndpoint)!.Get(ApplicationStateKeys.Unreachable));
    }

    [Fact]
    public void A_backstop_conviction_is_this_nodes_alone_and_is_not_published()
    {
        var core = Running(local: 1, count: 5);

        core.Convict(Address(3), NowMs + 1_000);

        Assert.Equal(LivenessStatus.Down, core.LivenessOf(Address(3)));
        Assert.Null(core.Table.Get(core.LocalEndpoint)!.Get(ApplicationStateKeys.Unreachable));
    }

    [Fact]
    public void A_node_that_announced_its_shutdown_is_not_claimed_its_silence_is_expected()
    {
        var core = Running(local: 1, count: 5);
        core.Receive(new GossipEnvelope(Address(3), core.LocalEndpoint, new GossipShutdown(Address(3), PeerGeneration)), NowMs + 500);

        core.Convict(Address(3), NowMs + 1_000, byObserver: true);

        Assert.Empty(core.OwnClaims);
        Assert.Null(core.Table.Get(core.LocalEndpoint)!.Get(ApplicationStateKeys.Unreachable));
    }

    [Fact]
    public void A_claim_about_a_node_this_node_no_longer_observes_is_withdrawn()
    {
        var core = Running(local: 1, count: 5);
        core.Convict(Address(3), NowMs + 1_000, byObserver: true);

        core.TickClaims(endpoint => endpoint != Address(3), NowMs + 2_000, HeartbeatMs);

        Assert.Empty(core.OwnClaims);
    }

    [Fact]
    public void A_malformed_entry_is_reported_naming_the_peer_and_the_others_still_count()
    {
        var core = Running(local: 1, count: 5);

        var output = core.Receive(Claims(core, Address(2), $"nonsense,{Claim(3)},10.0.0.4:7000@x", version: 2), NowMs + 1_000);

        var warnings = output.Warnings.Where(w => w.Kind == GossipWarningKind.InvalidClaim).ToList();
        TicksAfterClaim(core);
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains("gossiped by 10.0.0.2:7000", w.Message, StringComparison.Ordinal));
        Assert.Contains("'nonsense'", warnings[0].Message, StringComparison.Ordinal);
        Assert.Equal(LivenessStatus.Down, core.LivenessOf(Address(3)));
        Assert.Equal(LivenessStatus.Up, core.LivenessOf(Address(4)));
    }
}
