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
    public void Resends_to_a_silent_seed_start_at_200ms_and_double_up_to_the_5s_cap()
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

        // Gaps 200, 400, 800, 1600, 3200, then 5000 (gossip.shadow-round-resend-interval) from there on.
        Assert.Equal([0L, 200, 600, 1400, 3000, 6200, 11_200, 16_200], sentAt.Take(8));
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
    public void Seeds_and_a_joiner_started_at_one_instant_all_run_gossip_by_the_first_200ms_resend()
    {
        var pump = new CorePump();
        var settings = Settings("c", SeedA, SeedB);
        var a = pump.Add(1, settings);
        var b = pump.Add(2, settings);
        var joiner = pump.Add(3, settings);

        // A's probe finds B not yet started; B hears "starting too" from A, its only other seed, and runs at once;
        // the joiner then gets B's state. A's first resend, 200 ms on, reaches a running B.
        pump.Do(a, c => c.Start(pump.NowMs));
        pump.Do(b, c => c.Start(pump.NowMs));
        pump.Do(joiner, c => c.Start(pump.NowMs));
        Assert.Equal(GossipNodePhase.Running, b.Phase);
        Assert.Equal(GossipNodePhase.Running, joiner.Phase);
        Assert.Equal(pump.NowMs + 200, a.ShadowRoundDueAtMs);

        pump.Do(a, c => c.Tick(pump.NowMs += 200));
        Assert.Equal(GossipNodePhase.Running, a.Phase);
        Assert.Equal(GossipNodePhase.Running, b.Phase);
        Assert.Equal(GossipNodePhase.Running, joiner.Phase);
        Assert.Null(joiner.ShadowRoundDueAtMs);
    }
}
