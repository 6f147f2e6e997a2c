using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>
/// Evaluating at crossings (<c>evaluation-interval = auto</c> with direct heartbeats): the detector knows when a silent
/// peer's phi will cross the threshold, and is asked to evaluate then, when a convicted peer may be back, and at least
/// every two heartbeat intervals.
/// </summary>
public sealed class CrossingTests
{
    private const long Idle = 1_000;
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);
    private static readonly EndpointAddress B = new("10.0.0.2", 7000);

    [Fact]
    public void The_default_evaluates_at_crossings_and_a_fixed_interval_or_gossip_heartbeats_on_a_tick()
    {
        Assert.True(TestSettings.Detector().EvaluateAtCrossings);
        Assert.Equal(TimeSpan.FromSeconds(1), TestSettings.Detector().IdleEvaluationInterval());
        Assert.False(TestSettings.Detector("gossip.failure-detector.evaluation-interval = 100ms").EvaluateAtCrossings);
        Assert.False(TestSettings.Detector("gossip.failure-detector.heartbeats = gossip").EvaluateAtCrossings);
    }

    [Fact]
    public void The_crossing_is_the_first_millisecond_whose_phi_is_above_the_threshold_for_any_gaps_and_either_source()
    {
        var gaps = Gen.Choose(50, 3_000).ArrayOf().Where(a => a.Length is > 0 and < 40);
        DeterministicProperty.Check(Prop.ForAll(Arb.From(gaps), Arb.From(Gen.Elements(true, false)), (intervals, direct) =>
        {
            var core = new FailureDetectorCore(TestSettings.Detector());
            var t = 10_000L;
            foreach (var gap in intervals)
            {
                t += gap;
                if (direct)
                {
                    core.ReportDirect(A, t);
                }
                else
                {
                    core.Report(A, t);
                }
            }

            var crossing = core.CrossingMs(A)!.Value;
            var threshold = core.Settings.PhiConvictThreshold;
            return crossing > t && core.Phi(A, crossing - 1) <= threshold && core.Phi(A, crossing) > threshold;
        }));
    }

    [Fact]
    public void Evaluating_at_the_crossing_convicts_and_a_millisecond_before_does_not()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = DirectArrivals.Heartbeats(core, A, 0, 20);
        var crossing = core.CrossingMs(A)!.Value;

        Assert.InRange(crossing - last, 4_500, 5_000);
        Assert.Equal(crossing, core.ScheduleEvaluation(crossing - Idle + 1));
        Assert.Empty(core.Evaluate(crossing - 1, 0).Convictions);
        Assert.Equal(A, Assert.Single(core.Evaluate(crossing, 0).Convictions).Endpoint);
    }

    [Fact]
    public void Scheduling_takes_the_earliest_crossing_but_waits_no_longer_than_idle_nor_than_an_evaluation_already_armed()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        DirectArrivals.Heartbeats(core, A, 0, 10);
        var lastOfB = DirectArrivals.Heartbeats(core, B, 300, 10);
        var earliest = Math.Min(core.CrossingMs(A)!.Value, core.CrossingMs(B)!.Value);

        Assert.Equal(lastOfB + Idle, core.ScheduleEvaluation(lastOfB));
        Assert.Equal(earliest, core.ScheduleEvaluation(earliest - 10));
        Assert.Equal(earliest - 5, core.ScheduleEvaluation(earliest - 10, armedDueMs: earliest - 5));

        // A heartbeat moves its crossing later, and a lower threshold earlier.
        var before = core.CrossingMs(A)!.Value;
        core.ReportDirect(A, lastOfB + 100);
        Assert.True(core.CrossingMs(A) > before);
        var later = core.CrossingMs(A)!.Value;
        Assert.True(core.ChangePhiConvictThreshold(5).Applied);
        Assert.True(core.CrossingMs(A) < later);
    }

    [Fact]
    public void A_convicted_peer_heard_again_is_due_at_once_and_one_still_silent_is_not_due_again()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = DirectArrivals.Heartbeats(core, A, 0, 10);
        var crossing = core.CrossingMs(A)!.Value;
        Assert.Single(core.Evaluate(crossing, 0).Convictions);

        Assert.Equal(crossing + Idle, core.ScheduleEvaluation(crossing));

        core.ReportDirect(A, crossing + 200);
        Assert.Equal(crossing + 200, core.ScheduleEvaluation(crossing + 200));
        Assert.Equal(A, Assert.Single(core.Evaluate(crossing + 200, 0).Recovered));
        Assert.True(last < crossing);
    }

    [Fact]
    public void An_evaluation_more_than_the_local_pause_threshold_after_its_due_time_is_a_pause_and_holds_convictions_until_it_ends()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = DirectArrivals.Heartbeats(core, A, 0, 10);
        var due = core.ScheduleEvaluation(last);

        // 4.9 s late is no pause; the detector was idle until its due time.
        Assert.False(core.EvaluationOverdue(due + 4_900));
        Assert.True(core.EvaluationOverdue(due + 5_001));
        var late = core.Evaluate(due + 7_000, 0);

        Assert.Equal(EvaluationOutcome.ConvictionsSuppressedByLocalPause, late.Outcome);
        Assert.Contains("ran 7000 ms late", late.Warning, StringComparison.Ordinal);
        Assert.False(core.EvaluationOverdue(due + 7_001));
        Assert.False(core.ConvictionDue(due + 7_001));
        Assert.Equal(due + 12_000, core.ScheduleEvaluation(due + 11_500));
        Assert.True(core.ConvictionDue(due + 12_000));
        Assert.Single(core.Evaluate(due + 12_000, 0).Convictions);
    }
}
