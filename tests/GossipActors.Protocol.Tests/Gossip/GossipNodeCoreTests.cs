using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.CorePump;

namespace GossipActors.Protocol.Tests.Gossip;

public sealed class GossipNodeCoreTests
{
    [Fact]
    public void Generation_is_the_later_of_stored_plus_one_and_now()
    {
        Assert.Equal(1_700_000_000, Generation.Next(null, 1_700_000_000_999));
        Assert.Equal(1_700_000_000, Generation.Next(1_600_000_000, 1_700_000_000_000));
        Assert.Equal(1_800_000_001, Generation.Next(1_800_000_000, 1_700_000_000_000)); // clock went backwards
    }

    [Fact]
    public void One_version_counter_orders_heartbeat_and_application_states()
    {
        var pump = new CorePump();
        var node = pump.Add(1, Settings("c", Address(1)));
        pump.Do(node, c => c.Start(pump.NowMs));
        pump.Do(node, c => c.Tick(pump.NowMs += 1000));
        pump.Do(node, c => c.SetApplicationState("LOAD", "0.5", pump.NowMs));
        pump.Do(node, c => c.Tick(pump.NowMs += 1000));

        var state = node.Table.Get(node.LocalEndpoint)!;
        var versions = state.ApplicationStates.Values.Select(v => v.Version).Append(state.HeartBeat.Version).ToList();
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.True(state.HeartBeat.Version > state.Get("LOAD")!.Version);
        Assert.Equal(state.HeartBeat.Version, state.MaxVersion);
    }

    [Fact]
    public void Node_is_reported_up_only_after_an_echo_reply()
    {
        var pump = new CorePump { Drop = m => m.Message is EchoReply };
        var seed = pump.Add(1, Settings("c", Address(1)));
        var joiner = pump.Add(2, Settings("c", Address(1)));
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs));
        pump.Rounds(3, seed, joiner);

        // Both know each other, heartbeats flow, echoes went out, but without replies nobody is UP.
        Assert.True(seed.Table.Contains(joiner.LocalEndpoint));
        Assert.Equal(LivenessStatus.EchoPending, seed.LivenessOf(joiner.LocalEndpoint));
        Assert.DoesNotContain(pump.Events, e => e.Event.Kind == MembershipEventKind.Up);
        Assert.Contains(pump.Sent, m => m.From == seed.LocalEndpoint && m.To == joiner.LocalEndpoint && m.Message is Echo);

        pump.Drop = null;
        pump.Rounds(3, seed, joiner);
        Assert.Equal(LivenessStatus.Up, seed.LivenessOf(joiner.LocalEndpoint));
        Assert.Single(pump.Events, e => e.Node == seed.LocalEndpoint && e.Event.Kind == MembershipEventKind.Up);
    }

    [Fact]
    public void A_convicted_peer_is_still_gossiped_to_and_is_up_again_only_after_an_echo_reply()
    {
        // a is the only seed, so a's SYNs to b can come from the unreachable rule alone.
        var (pump, a, b) = TwoRunningNodes();
        pump.Do(a, c => c.Convict(b.LocalEndpoint, pump.NowMs));
        Assert.Equal(LivenessStatus.Down, a.LivenessOf(b.LocalEndpoint));
        Assert.Contains(b.LocalEndpoint, a.UnreachableEndpoints);
        Assert.Empty(a.SeedsExcludingSelf);

        pump.Sent.Clear();
        pump.Drop = m => m.Message is EchoReply;
        pump.Rounds(3, a);
        Assert.Equal(3, pump.Sent.Count(m => m.From == a.LocalEndpoint && m.To == b.LocalEndpoint && m.Message is GossipDigestSyn));

        // b's heartbeats advance and reach a, a asks for an echo, the replies are lost: b stays DOWN.
        pump.Rounds(3, a, b);
        Assert.Contains(pump.Sent, m => m.From == a.LocalEndpoint && m.To == b.LocalEndpoint && m.Message is Echo);
        Assert.Equal(LivenessStatus.Down, a.LivenessOf(b.LocalEndpoint));
        Assert.DoesNotContain(pump.Events, e => e.Node == a.LocalEndpoint && e.Event.Kind == MembershipEventKind.Up);

        pump.Drop = null;
        pump.Rounds(3, a, b);
        Assert.Equal(LivenessStatus.Up, a.LivenessOf(b.LocalEndpoint));
        Assert.Single(pump.Events, e => e.Node == a.LocalEndpoint && e.Event.Kind == MembershipEventKind.Up && e.Event.Endpoint == b.LocalEndpoint);
        Assert.Contains(b.LocalEndpoint, a.LiveEndpoints);
    }

    [Fact]
    public void Heartbeat_advances_are_reported_for_the_failure_detector()
    {
        var (pump, a, b) = TwoRunningNodes();
        pump.Arrivals.Clear();
        pump.Rounds(3, a, b);

        Assert.Contains(pump.Arrivals, x => x.Node == a.LocalEndpoint && x.Arrival.Endpoint == b.LocalEndpoint);
        Assert.Contains(pump.Arrivals, x => x.Node == b.LocalEndpoint && x.Arrival.Endpoint == a.LocalEndpoint);
    }

    [Fact]
    public void Generation_beats_version_when_applying_remote_state()
    {
        var (pump, a, b) = TwoRunningNodes();
        var remote = DigestExaminerTests.State(b.Generation + 5, 1, ("DC", "new", 1));
        var ack = new GossipDigestAck([], new EndpointStateList([new(b.LocalEndpoint, remote)]));
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(9), a.LocalEndpoint, ack), pump.NowMs));

        Assert.Equal(remote, a.Table.Get(b.LocalEndpoint));
        Assert.Contains(pump.Events, e => e.Node == a.LocalEndpoint && e.Event.Kind == MembershipEventKind.Restarted);

        // An older generation with a huge version is ignored.
        var stale = DigestExaminerTests.State(b.Generation, 10_000, ("DC", "old", 9_999));
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(9), a.LocalEndpoint, new GossipDigestAck([], new EndpointStateList([new(b.LocalEndpoint, stale)]))), pump.NowMs));
        Assert.Equal("new", a.Table.Get(b.LocalEndpoint)!.Get("DC")!.Value);
    }

    [Fact]
    public void Generation_more_than_a_year_ahead_is_ignored_with_a_warning_naming_the_values()
    {
        var (pump, a, _) = TwoRunningNodes();
        var stranger = Address(7);
        var farAhead = (int)(pump.NowMs / 1000) + (366 * 24 * 3600);
        var ack = new GossipDigestAck([], new EndpointStateList([new(stranger, DigestExaminerTests.State(farAhead, 1))]));
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(2), a.LocalEndpoint, ack), pump.NowMs));

        Assert.False(a.Table.Contains(stranger));
        var warning = Assert.Single(pump.Warnings, w => w.Warning.Kind == GossipWarningKind.GenerationTooFarAhead).Warning;
        Assert.Contains(stranger.ToString(), warning.Message, StringComparison.Ordinal);
        Assert.Contains(farAhead.ToString(System.Globalization.CultureInfo.InvariantCulture), warning.Message, StringComparison.Ordinal);
        Assert.Contains((pump.NowMs / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syn_from_another_cluster_is_dropped_with_both_names_and_the_sender()
    {
        var (pump, a, _) = TwoRunningNodes();
        pump.Sent.Clear();
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(5), a.LocalEndpoint, new GossipDigestSyn("other", [new GossipDigest(Address(5), 1, 1)])), pump.NowMs));

        Assert.DoesNotContain(pump.Sent, m => m.From == a.LocalEndpoint);
        var warning = Assert.Single(pump.Warnings).Warning;
        Assert.Equal(GossipWarningKind.ClusterNameMismatch, warning.Kind);
        Assert.Contains("'other'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'c'", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Address(5).ToString(), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assassinate_requires_confirmation_then_bumps_generation_and_sets_left()
    {
        var (pump, a, b) = TwoRunningNodes();
        var before = a.Table.Get(b.LocalEndpoint)!.HeartBeat.Generation;

        var refused = pump.Do(a, c => c.Assassinate(b.LocalEndpoint, confirm: false, pump.NowMs));
        Assert.Equal(GossipWarningKind.AssassinateNotConfirmed, Assert.Single(refused.Warnings).Kind);
        Assert.Equal(before, a.Table.Get(b.LocalEndpoint)!.HeartBeat.Generation);

        pump.Unplugged.Add(b.LocalEndpoint);
        pump.Do(a, c => c.Assassinate(b.LocalEndpoint, confirm: true, pump.NowMs));
        var state = a.Table.Get(b.LocalEndpoint)!;
        Assert.Equal(before + 1, state.HeartBeat.Generation);
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(EndpointStatus.StatusOf(state)));
        Assert.Equal(pump.NowMs + GossipSettings.Day * 3, EndpointStatus.ExpiryOf(EndpointStatus.StatusOf(state)));
        Assert.Equal(LivenessStatus.Down, a.LivenessOf(b.LocalEndpoint));
    }

    [Fact]
    public void Decommission_sets_left_with_expiry_and_peers_mark_it_down()
    {
        var (pump, a, b) = TwoRunningNodes();
        pump.Do(b, c => c.Decommission(pump.NowMs));
        pump.Rounds(3, a, b);

        var status = EndpointStatus.StatusOf(a.Table.Get(b.LocalEndpoint)!);
        Assert.StartsWith("LEFT,", status, StringComparison.Ordinal);
        Assert.Equal(LivenessStatus.Down, a.LivenessOf(b.LocalEndpoint));
    }

    [Fact]
    public void Shutdown_is_announced_to_a_peer_this_node_had_convicted_too()
    {
        // Under CPU load both sides can convict each other for a moment; a graceful stop in that moment must
        // still reach the peer, or it keeps the stopped node as NORMAL until its own detector convicts it.
        var (pump, a, b) = TwoRunningNodes();
        pump.Do(b, c => c.Convict(a.LocalEndpoint, pump.NowMs));
        Assert.Equal(LivenessStatus.Down, b.LivenessOf(a.LocalEndpoint));

        pump.Do(b, c => c.Shutdown(pump.NowMs));

        Assert.Equal(EndpointStatus.ShutdownValue, EndpointStatus.StatusOf(a.Table.Get(b.LocalEndpoint)!));
        Assert.Equal(LivenessStatus.Down, a.LivenessOf(b.LocalEndpoint));
    }

    [Fact]
    public void Evicts_endpoints_dead_longer_than_the_expiry_then_quarantines_them()
    {
        var settings = Settings("c", Address(1)) with { DeadEndpointExpiryMs = 10_000, QuarantineDelayMs = 5_000 };
        var pump = new CorePump();
        var a = pump.Add(1, settings);
        var b = pump.Add(2, settings);
        pump.Do(a, c => c.Start(pump.NowMs));
        pump.Do(b, c => c.Start(pump.NowMs));
        pump.Rounds(3, a, b);
        Assert.Equal(LivenessStatus.Up, a.LivenessOf(b.LocalEndpoint));

        pump.Unplugged.Add(b.LocalEndpoint);
        pump.Do(a, c => c.Convict(b.LocalEndpoint, pump.NowMs));
        pump.Rounds(11, a);

        Assert.False(a.Table.Contains(b.LocalEndpoint));
        Assert.True(a.IsQuarantined(b.LocalEndpoint));
        Assert.Contains(pump.Events, e => e.Event.Kind == MembershipEventKind.Removed && e.Event.Endpoint == b.LocalEndpoint);

        // While quarantined, gossip about it is ignored; afterwards it may come back.
        var stale = new GossipDigestAck([], new EndpointStateList([new(b.LocalEndpoint, b.Table.Get(b.LocalEndpoint)!)]));
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(3), a.LocalEndpoint, stale), pump.NowMs));
        Assert.False(a.Table.Contains(b.LocalEndpoint));
        pump.Rounds(6, a);
        Assert.False(a.IsQuarantined(b.LocalEndpoint));
        pump.Do(a, c => c.Receive(new GossipEnvelope(Address(3), a.LocalEndpoint, stale), pump.NowMs));
        Assert.True(a.Table.Contains(b.LocalEndpoint));
    }

    [Fact]
    public void Start_is_refused_when_a_live_node_with_newer_generation_owns_our_address()
    {
        var pump = new CorePump();
        var seed = pump.Add(1, Settings("c", Address(1)));
        var owner = pump.Add(2, Settings("c", Address(1)), generation: 1_700_001_000);
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(owner, c => c.Start(pump.NowMs));
        pump.Rounds(3, seed, owner);

        var impostor = new GossipNodeCore(
            new GossipNodeOptions { LocalEndpoint = Address(2), HostId = Guid.NewGuid(), Generation = 1_700_000_000, Settings = Settings("c", Address(1)) },
            new Random(1));
        pump.Replace(impostor);
        var output = pump.Do(impostor, c => c.Start(pump.NowMs));

        var failure = Assert.IsType<EndpointCollisionException>(impostor.StartupFailure);
        Assert.Contains(Address(2).ToString(), failure.Message, StringComparison.Ordinal);
        Assert.Contains("1700001000", failure.Message, StringComparison.Ordinal);
        Assert.Equal(GossipNodePhase.Stopped, impostor.Phase);
        Assert.Same(failure, output.StartupFailure);
    }

    [Fact]
    public void Start_is_refused_when_a_live_node_with_newer_generation_uses_our_host_id()
    {
        var pump = new CorePump();
        var seed = pump.Add(1, Settings("c", Address(1)));
        var other = pump.Add(2, Settings("c", Address(1)), generation: 1_700_001_000);
        pump.Do(seed, c => c.Start(pump.NowMs));
        pump.Do(other, c => c.Start(pump.NowMs));
        pump.Rounds(3, seed, other);

        var twin = new GossipNodeCore(
            new GossipNodeOptions { LocalEndpoint = Address(3), HostId = other.Options.HostId, Generation = 1_700_000_000, Settings = Settings("c", Address(1)) },
            new Random(1));
        pump.Replace(twin);
        pump.Do(twin, c => c.Start(pump.NowMs));

        var failure = Assert.IsType<EndpointCollisionException>(twin.StartupFailure);
        Assert.Contains(other.Options.HostId.ToString(), failure.Message, StringComparison.Ordinal);
    }

    internal static (CorePump Pump, GossipNodeCore A, GossipNodeCore B) TwoRunningNodes()
    {
        var pump = new CorePump();
        var a = pump.Add(1, Settings("c", Address(1)));
        var b = pump.Add(2, Settings("c", Address(1)));
        pump.Do(a, c => c.Start(pump.NowMs));
        pump.Do(b, c => c.Start(pump.NowMs));
        pump.Rounds(3, a, b);
        Assert.Equal(LivenessStatus.Up, a.LivenessOf(b.LocalEndpoint));
        Assert.Equal(LivenessStatus.Up, b.LivenessOf(a.LocalEndpoint));
        pump.Events.Clear();
        pump.Warnings.Clear();
        return (pump, a, b);
    }
}
