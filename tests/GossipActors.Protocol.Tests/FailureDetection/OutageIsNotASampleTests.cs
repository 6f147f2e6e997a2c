using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>
/// Found by the chaos runner (bench/GossipActors.Chaos, seed 1, 4 nodes): a node SIGSTOPped for 13 s was convicted,
/// came back, and was SIGKILLed at once; its peer had not convicted it 22 s later, when it restarted. The silence of
/// the stop (shorter than max-interval, 30 s) had been recorded as one heartbeat interval, which raised the window's
/// deviation from 0.1 s to about 2 s and so the time to convict the next silence from 4.9 s to about 17 s. A gap
/// during which the peer was convicted is an outage, not a sample of how the peer normally behaves. The same run
/// (seed 42, 6 nodes) then showed the observer's side: a node itself SIGSTOPped for 16.6 s did not convict a peer
/// killed a minute later within 11 s, since the gap its own stop made in every peer's arrivals had been recorded.
/// </summary>
public sealed class OutageIsNotASampleTests
{
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);
    private const long Interval = DirectArrivals.Interval;

    [Fact]
    public void A_crash_right_after_a_convicted_13_s_stop_is_convicted_as_fast_as_one_before_it()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = Heartbeats(core, from: 0, count: 40);

        var stoppedConvictedAt = EvaluateUntilConvicted(core, last);
        Assert.Equal(4_900, stoppedConvictedAt - last);

        // SIGCONT 13 s after the last heartbeat: the peer is heard again and is UP again.
        var resumed = last + 13_000;
        core.ReportDirect(A, resumed);
        Assert.Equal([A], core.Evaluate(resumed, 0).Recovered);

        // SIGKILL at once: the silence from here must be convicted as quickly as the first one was.
        // Within one evaluation tick of the first conviction (before the fix: 14.6 s).
        var crashConvictedAt = EvaluateUntilConvicted(core, resumed);
        Assert.InRange(crashConvictedAt - resumed, 4_800, 5_000);
    }

    [Fact]
    public void A_long_gap_of_a_peer_never_convicted_is_still_recorded()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = Heartbeats(core, from: 0, count: 40);
        var deviationBefore = core.Snapshot(A, last)!.StandardDeviationMs;

        // A 3 s gap: below the conviction time, so it is the peer's normal jitter and belongs in the window.
        core.ReportDirect(A, last + 3_000);
        Assert.Empty(core.Evaluate(last + 3_000, 0).Convictions);

        Assert.True(core.Snapshot(A, last + 3_000)!.StandardDeviationMs > deviationBefore);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_crash_after_this_node_was_itself_stopped_16_s_is_convicted_as_fast_as_one_before_it(bool heartbeatBeforeEvaluation)
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = Heartbeats(core, from: 0, count: 40);

        // This node is stopped for 16.6 s: no evaluation and no arrival. On SIGCONT the queued heartbeat and the
        // overdue evaluation run in either order; the evaluation notices the local pause and convicts nobody.
        var resumed = last + 16_600;
        if (heartbeatBeforeEvaluation)
        {
            core.ReportDirect(A, resumed);
            Assert.Empty(core.Evaluate(resumed, 0).Convictions);
        }
        else
        {
            Assert.Empty(core.Evaluate(resumed, 0).Convictions);
            core.ReportDirect(A, resumed);
        }

        // A minute of normal heartbeats, then A crashes.
        var beforeCrash = Heartbeats(core, from: resumed + Interval, count: 120);
        var convictedAt = EvaluateUntilConvicted(core, beforeCrash);
        Assert.InRange(convictedAt - beforeCrash, 4_800, 5_000);
    }

    private static long Heartbeats(FailureDetectorCore core, long from, int count) => DirectArrivals.Heartbeats(core, A, from, count);

    private static long EvaluateUntilConvicted(FailureDetectorCore core, long last) => DirectArrivals.EvaluateUntilConvicted(core, A, last);
}
