using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

public sealed class FailureDetectorCoreTests
{
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);
    private static readonly EndpointAddress B = new("10.0.0.2", 7000);

    /// <summary>Cassandra's detector, one setting away from the defaults: arrivals from gossip, exponential model, 1 s evaluations.</summary>
    private static readonly FailureDetectorSettings Cassandra = TestSettings.Detector("gossip.failure-detector.heartbeats = gossip");

    /// <summary>The normal model on gossip arrivals with the 3 s pause it was tuned with (issue 5).</summary>
    private static readonly FailureDetectorSettings GossipFedNormal =
        TestSettings.Detector("gossip.failure-detector { heartbeats = gossip, model = normal, acceptable-heartbeat-pause = 3s }");

    [Fact]
    public void Exponential_model_convicts_a_single_arrival_endpoint_between_36_and_37_seconds()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);

        for (long now = 1000; now <= 36_000; now += 1000)
        {
            Assert.Empty(core.Evaluate(now, 0).Convictions);
        }

        var evaluation = core.Evaluate(37_000, 0);
        var conviction = Assert.Single(evaluation.Convictions);
        Assert.Equal(A, conviction.Endpoint);
        Assert.Equal(8.034, conviction.Phi, 3);
        Assert.True(core.IsDown(A));
        Assert.Equal(EvaluationOutcome.Evaluated, evaluation.Outcome);
        Assert.Null(evaluation.Warning);
    }

    [Fact]
    public void A_convicted_endpoint_is_reported_once_and_recovers_after_a_new_heartbeat()
    {
        var core = new FailureDetectorCore(GossipFedNormal);
        var now = Heartbeats(core, A, count: 30, intervalMs: 1000);

        var convictedAt = 0L;
        while (convictedAt == 0)
        {
            now += 1000;
            if (core.Evaluate(now, 0).Convictions.Count > 0)
            {
                convictedAt = now;
            }
        }

        // Window [1500, 2500, 29 × 1000]: mean 1064.5 ms, deviation 276.6 ms (the initial samples
        // dominate it), plus 3 s acceptable pause: phi 8 is crossed after about 5.5 s of silence.
        Assert.True(NormalPhiModel.Phi(5_500, 4_064.5, 276.6) < 8);
        Assert.True(NormalPhiModel.Phi(5_600, 4_064.5, 276.6) > 8);
        Assert.Equal(6_000, convictedAt - 29_000);
        Assert.Empty(core.Evaluate(now + 1000, 0).Convictions);
        Assert.Empty(core.Evaluate(now + 2000, 0).Recovered);

        core.Report(A, now + 2500);
        var evaluation = core.Evaluate(now + 3000, 0);
        Assert.Equal([A], evaluation.Recovered);
        Assert.False(core.IsDown(A));
    }

    [Fact]
    public void Raising_the_threshold_does_not_revive_an_endpoint_that_has_not_been_heard_from()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);
        Assert.Single(core.Evaluate(37_000, 0).Convictions);

        Assert.True(core.ChangePhiConvictThreshold(16).Applied);
        Assert.True(core.Phi(A, 38_000) < 16);
        Assert.Empty(core.Evaluate(38_000, 0).Recovered);
        Assert.True(core.IsDown(A));
    }

    [Fact]
    public void After_a_local_pause_nobody_is_convicted_for_five_seconds_and_one_warning_is_returned()
    {
        var core = new FailureDetectorCore(Cassandra);
        var now = Heartbeats(core, A, count: 20, intervalMs: 1000);
        Assert.Empty(core.Evaluate(now, 0).Convictions);

        // The detector itself stalls for 30 s: A looks silent for 30 s, far above threshold.
        now += 30_000;
        var first = core.Evaluate(now, 0);
        Assert.Empty(first.Convictions);
        Assert.Equal(EvaluationOutcome.ConvictionsSuppressedByLocalPause, first.Outcome);
        Assert.NotNull(first.Warning);
        Assert.Contains("30000 ms", first.Warning, StringComparison.Ordinal);
        Assert.Contains("gossip.failure-detector.local-pause-threshold", first.Warning, StringComparison.Ordinal);

        for (var i = 1; i <= 4; i++)
        {
            var during = core.Evaluate(now + (i * 1000), 0);
            Assert.Empty(during.Convictions);
            Assert.Null(during.Warning);
            Assert.Equal(EvaluationOutcome.ConvictionsSuppressedByLocalPause, during.Outcome);
        }

        var after = core.Evaluate(now + 5000, 0);
        Assert.Equal(EvaluationOutcome.Evaluated, after.Outcome);
        Assert.Equal(A, Assert.Single(after.Convictions).Endpoint);
        Assert.Null(after.Warning);
    }

    [Fact]
    public void A_gap_of_exactly_the_local_pause_threshold_is_not_a_pause()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);
        core.Evaluate(1_000, 0);
        var evaluation = core.Evaluate(6_000, 0);
        Assert.Null(evaluation.Warning);
        Assert.Equal(EvaluationOutcome.Evaluated, evaluation.Outcome);
    }

    [Fact]
    public void The_status_check_is_skipped_while_gossip_is_more_than_one_second_behind()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);
        core.Evaluate(36_000, 0);

        var skipped = core.Evaluate(37_000, gossipBacklogMs: 1_001);
        Assert.Empty(skipped.Convictions);
        Assert.Equal(EvaluationOutcome.SkippedGossipBacklog, skipped.Outcome);
        Assert.False(core.IsDown(A));

        var atThreshold = core.Evaluate(38_000, gossipBacklogMs: 1_000);
        Assert.Single(atThreshold.Convictions);
    }

    [Fact]
    public void Removed_endpoints_are_forgotten()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);
        core.Report(B, 0);

        Assert.True(core.Remove(A));
        Assert.False(core.Remove(A));
        Assert.Equal([B], core.Endpoints);
        Assert.Equal(0.0, core.Phi(A, 100_000));
        Assert.Equal(B, Assert.Single(core.Evaluate(100_000, 0).Convictions).Endpoint);
        Assert.Null(core.Snapshot(A, 100_000));
    }

    [Fact]
    public void A_runtime_threshold_change_is_applied_in_memory_only()
    {
        var core = new FailureDetectorCore(Cassandra);
        core.Report(A, 0);

        var change = core.ChangePhiConvictThreshold(10);

        Assert.True(change.Applied);
        Assert.True(change.InMemoryOnly);
        Assert.Equal(8, change.Previous);
        Assert.Equal(10, change.Current);
        Assert.Contains("in memory only", change.Message, StringComparison.Ordinal);
        Assert.Contains("gossip.failure-detector.phi-convict-threshold", change.Message, StringComparison.Ordinal);
        Assert.Null(change.Warning);
        Assert.Equal(10, core.Settings.PhiConvictThreshold);
        // Mean 2000 ms: phi 10 is crossed at 10 × ln 10 × 2000 ≈ 46.05 s instead of 36.8 s.
        for (long now = 1_000; now <= 46_000; now += 1_000)
        {
            Assert.Empty(core.Evaluate(now, 0).Convictions);
        }

        Assert.Single(core.Evaluate(47_000, 0).Convictions);
    }

    [Fact]
    public void A_runtime_threshold_out_of_range_is_refused_and_changes_nothing()
    {
        var core = new FailureDetectorCore(Cassandra);

        var change = core.ChangePhiConvictThreshold(4);

        Assert.False(change.Applied);
        Assert.Equal(8, change.Current);
        Assert.Contains("5-16", change.Message, StringComparison.Ordinal);
        Assert.Equal(8, core.Settings.PhiConvictThreshold);
    }

    [Fact]
    public void A_runtime_threshold_above_12_is_applied_with_a_warning()
    {
        var change = new FailureDetectorCore(Cassandra).ChangePhiConvictThreshold(13);
        Assert.True(change.Applied);
        Assert.Contains("above 12", change.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_reports_phi_history_age_and_flapping()
    {
        var core = new FailureDetectorCore(GossipFedNormal);
        var now = Heartbeats(core, A, count: 11, intervalMs: 1000);
        core.Report(B, now);

        var healthy = core.Snapshot(now + 500);
        Assert.Equal([A, B], healthy.Select(s => s.Endpoint));
        var a = healthy[0];
        Assert.Equal(12, a.SampleCount);
        Assert.Equal((1500 + 2500 + (10 * 1000)) / 12.0, a.MeanIntervalMs, 9);
        Assert.Equal(500, a.LastHeartbeatAgeMs);
        Assert.Equal(core.Phi(A, now + 500), a.Phi);
        Assert.False(a.IsDown);
        Assert.False(a.IsFlapping);
        Assert.Equal(0, a.TransitionsInFlapWindow);

        // A goes down and comes back twice in a few minutes: flapping.
        for (var cycle = 0; cycle < 2; cycle++)
        {
            now = SilenceUntilConvicted(core, A, now);
            core.Report(A, now + 100);
            core.Report(B, now + 100);
            now += 1000;
            Assert.Equal([A], core.Evaluate(now, 0).Recovered);
        }

        var flapping = core.Snapshot(A, now)!;
        Assert.Equal(2, flapping.DownTransitionsInFlapWindow);
        Assert.Equal(2, flapping.UpTransitionsInFlapWindow);
        Assert.Equal(4, flapping.TransitionsInFlapWindow);
        Assert.True(flapping.IsFlapping);
        Assert.Equal([false, true, false, true], flapping.RecentTransitions.Select(t => t.IsUp));

        // Ten minutes later the transitions have left the flap window.
        var later = now + (long)TimeSpan.FromMinutes(10).TotalMilliseconds + 1;
        var calm = core.Snapshot(A, later)!;
        Assert.Equal(0, calm.TransitionsInFlapWindow);
        Assert.False(calm.IsFlapping);
    }

    private static long Heartbeats(FailureDetectorCore core, EndpointAddress endpoint, int count, long intervalMs)
    {
        var now = 0L;
        for (var i = 0; i < count; i++)
        {
            now = i * intervalMs;
            core.Report(endpoint, now);
            core.Evaluate(now, 0);
        }

        return now;
    }

    private static long SilenceUntilConvicted(FailureDetectorCore core, EndpointAddress endpoint, long now)
    {
        for (var i = 0; i < 60; i++)
        {
            now += 1000;
            core.Report(B, now);
            if (core.Evaluate(now, 0).Convictions.Any(c => c.Endpoint == endpoint))
            {
                return now;
            }
        }

        throw new InvalidOperationException($"{endpoint} was not convicted within 60 s of silence");
    }
}
