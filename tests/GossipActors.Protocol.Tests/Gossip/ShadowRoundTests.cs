using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.CorePump;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>The shadow round's schedule and its end, on the pure core's own clock (reference.conf's settings).</summary>
public sealed class ShadowRoundTests
{
    private static readonly EndpointAddress SeedA = Address(1);
    private static readonly EndpointAddress SeedB = Address(2);
    private static readonly EndpointAddress Joiner = Address(3);

    private static GossipDigestAck Starting => new([], new EndpointStateList(0));

    [Fact]
    public void Resends_to_a_silent_seed_start_at_200ms_and_double_up_to_the_1s_cap()
    {
        var round = new ShadowRound(Settings("c", SeedA), Joiner, [], StartMs);
        var sentAt = new List<long>();
        for (var now = StartMs; now < StartMs + 21_000; now += 50)
        {
            if (round.Tick(now).Contains(SeedA))
            {
                sentAt.Add(now - StartMs);
            }
        }

        // Gaps 200, 400, 800, then 1000 (gossip.shadow-round-resend-interval) from there on.
        Assert.Equal([0L, 200, 600, 1400, 2400, 3400, 4400, 5400], sentAt.Take(8));
        Assert.Equal(ShadowRoundStatus.Running, round.Status);
    }

    [Fact]
    public void Next_due_time_names_the_next_resend_so_a_host_can_tick_between_gossip_rounds()
    {
        var round = new ShadowRound(Settings("c", SeedA), Joiner, [], StartMs);
        round.Tick(StartMs);
        Assert.Equal(StartMs + 200, round.NextDueAtMs);
        Assert.Empty(round.Tick(StartMs + 199));
        Assert.Equal([SeedA], round.Tick(StartMs + 200));
        Assert.Equal(StartMs + 600, round.NextDueAtMs);
    }

    [Fact]
    public void A_joiner_whose_seeds_all_answer_starting_too_finishes_at_once_without_states()
    {
        var round = new ShadowRound(Settings("c", SeedA, SeedB), Joiner, [], StartMs);
        round.Tick(StartMs);

        Assert.False(round.OnAck(SeedA, Starting, StartMs + 3));
        Assert.Equal(ShadowRoundStatus.Running, round.Status);
        Assert.True(round.OnAck(SeedB, Starting, StartMs + 4));

        Assert.Equal(ShadowRoundStatus.Completed, round.Status);
        Assert.Empty(round.States);
        Assert.False(round.TimedOut);
        Assert.Contains("every seed (2) answered that it is starting too", round.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_whose_other_seed_answers_starting_too_finishes_at_once()
    {
        var round = new ShadowRound(Settings("c", SeedA, SeedB), SeedA, [], StartMs);
        round.Tick(StartMs);

        Assert.True(round.OnAck(SeedB, Starting, StartMs + 3));
        Assert.Equal(ShadowRoundStatus.Completed, round.Status);
    }

    [Fact]
    public void A_restarting_member_whose_seeds_are_all_starting_waits_one_interval_for_a_remembered_peer()
    {
        var remembered = Address(4);
        var round = new ShadowRound(Settings("c", SeedA, SeedB), Joiner, [remembered], StartMs);
        round.Tick(StartMs);
        round.OnAck(SeedA, Starting, StartMs + 3);
        Assert.False(round.OnAck(SeedB, Starting, StartMs + 3));

        round.Tick(StartMs + 999);
        Assert.Equal(ShadowRoundStatus.Running, round.Status);
        round.Tick(StartMs + 1003);
        Assert.Equal(ShadowRoundStatus.Completed, round.Status);
        Assert.Empty(round.States);
    }

    [Fact]
    public void Seeds_and_a_joiner_started_at_one_instant_all_run_gossip_at_once()
    {
        var pump = new CorePump();
        var settings = Settings("c", SeedA, SeedB);
        var a = pump.Add(1, settings);
        var b = pump.Add(2, settings);
        var joiner = pump.Add(3, settings);

        // A's probe finds B not yet started. B's own probe reaches A: A counts it as "B is starting too" and runs;
        // B hears "starting too" from A and runs; the joiner then gets B's state. Nobody waits for a resend.
        pump.Do(a, c => c.Start(pump.NowMs));
        Assert.Equal(pump.NowMs + 200, a.ShadowRoundDueAtMs);
        pump.Do(b, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs));
        Assert.Equal(GossipNodePhase.Running, a.Phase);
        Assert.Equal(GossipNodePhase.Running, b.Phase);
        Assert.Equal(GossipNodePhase.Running, joiner.Phase);
        Assert.Null(a.ShadowRoundDueAtMs);
        Assert.Null(joiner.ShadowRoundDueAtMs);
    }

    [Fact]
    public void A_seed_whose_probes_were_lost_counts_the_other_seeds_probe_as_starting_too()
    {
        var round = new ShadowRound(Settings("c", SeedA, SeedB), SeedA, [], StartMs);
        round.Tick(StartMs);

        Assert.True(round.OnProbeFrom(SeedB, StartMs + 150));
        Assert.Equal(ShadowRoundStatus.Completed, round.Status);
        Assert.Empty(round.States);
        Assert.Contains("every seed (1) answered that it is starting too", round.Outcome, StringComparison.Ordinal);
    }

    [Fact]
    public void A_probe_from_a_node_this_round_does_not_ask_changes_nothing()
    {
        var round = new ShadowRound(Settings("c", SeedA, SeedB), Joiner, [], StartMs);
        round.Tick(StartMs);

        Assert.False(round.OnProbeFrom(Address(9), StartMs + 10));
        Assert.False(round.OnProbeFrom(SeedA, StartMs + 10));
        Assert.Equal(ShadowRoundStatus.Running, round.Status);
    }

    [Fact]
    public void A_joiner_that_asked_a_starting_seed_gets_its_state_the_moment_the_seed_runs()
    {
        var pump = new CorePump();
        var settings = Settings("c", SeedA, SeedB);
        var a = pump.Add(1, settings);
        var joiner = pump.Add(3, settings);

        // Seed B never starts. A hears only the joiner's probe (the joiner is no seed, so A keeps waiting for B),
        // answers it "starting too", and the joiner keeps waiting for a seed with state.
        pump.Do(a, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs += 10));
        Assert.Equal(GossipNodePhase.ShadowRound, a.Phase);
        Assert.Equal(GossipNodePhase.ShadowRound, joiner.Phase);

        // A gives up on B at its time-out and starts the cluster: the joiner gets A's state in the same instant,
        // not at its next probe.
        while (a.Phase == GossipNodePhase.ShadowRound)
        {
            pump.NowMs = a.ShadowRoundDueAtMs!.Value;
            pump.Do(a, c => c.Tick(pump.NowMs));
        }

        Assert.Equal(GossipNodePhase.Running, a.Phase);
        Assert.True(a.ShadowRound!.TimedOut);
        Assert.Equal(GossipNodePhase.Running, joiner.Phase);
        Assert.Equal(SeedA, joiner.ShadowRound!.AnsweredBy);
        Assert.True(joiner.Table.Contains(SeedA));
    }
}
