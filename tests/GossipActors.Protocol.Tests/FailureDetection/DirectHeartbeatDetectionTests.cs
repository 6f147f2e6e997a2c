using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>
/// The default detector (reference.conf: direct heartbeats every 500 ms, normal model, acceptable pause 3.8 s,
/// min deviation 100 ms, threshold 8) on hand-made arrivals and virtual milliseconds. Phi 8 is crossed at
/// y = 5.226 deviations, so a silence is convicted after 500 + 3,800 + 5.226 × 100 ≈ 4,823 ms: later than the
/// longest silence a 4 s stop causes (4,000 ms plus up to one 500 ms interval), sooner than Akka.Cluster's
/// 1,000 + 3,000 + 523 ms, which also convicts such a stop whenever it began more than 0.52 s after a heartbeat.
/// </summary>
public sealed class DirectHeartbeatDetectionTests
{
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);
    private const long Interval = DirectArrivals.Interval;

    [Fact]
    public void The_defaults_are_direct_heartbeats_every_500_ms_judged_by_the_normal_model_every_100_ms()
    {
        var settings = TestSettings.Detector();

        Assert.Equal(HeartbeatSource.Direct, settings.Heartbeats);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.HeartbeatInterval);
        Assert.Equal(PhiModelKind.Normal, settings.Model);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(3800), settings.AcceptableHeartbeatPause);
    }

    [Fact]
    public void Heartbeats_gossip_alone_gives_cassandras_detector()
    {
        var settings = TestSettings.Detector("gossip.failure-detector.heartbeats = gossip");

        Assert.Equal(HeartbeatSource.Gossip, settings.Heartbeats);
        Assert.Equal(PhiModelKind.Exponential, settings.Model);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.EvaluationInterval);
    }

    [Fact]
    public void A_4_s_stop_is_not_convicted_whatever_its_phase_and_a_crash_is_convicted_after_4_8_s()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = Heartbeats(core, from: 0, count: 600);

        // The longest silence of a 4 s stop: it began just before a heartbeat was due.
        Assert.True(core.Phi(A, last + 4_000 + Interval) < 8, $"phi {core.Phi(A, last + 4_500):0.00} after 4.5 s");
        Assert.True(core.Phi(A, last + 4_800) < 8, $"phi {core.Phi(A, last + 4_800):0.00} after 4.8 s");
        Assert.True(core.Phi(A, last + 4_850) > 8, $"phi {core.Phi(A, last + 4_850):0.00} after 4.85 s");

        var convictedAt = EvaluateUntilConvicted(core, last);
        Assert.Equal(4_900, convictedAt - last);
    }

    [Fact]
    public void Akkas_3_s_pause_would_convict_a_4_s_stop_that_began_just_before_a_heartbeat()
    {
        var core = new FailureDetectorCore(TestSettings.Detector("gossip.failure-detector.acceptable-heartbeat-pause = 3s"));
        var last = Heartbeats(core, from: 0, count: 600);

        Assert.True(core.Phi(A, last + 4_000 + Interval) > 8);
    }

    [Fact]
    public void The_first_direct_heartbeat_replaces_the_gossip_window_and_gossip_arrivals_stop_counting()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        // Gossip-relayed versions: bursty, 200 ms to 2.2 s apart.
        long now = 0;
        for (var i = 0; i < 40; i++)
        {
            now += i % 2 == 0 ? 200 : 2_200;
            core.Report(A, now);
        }

        Assert.False(core.HearsDirectly(A));
        Assert.True(core.Snapshot(A, now)!.StandardDeviationMs > 900);

        Assert.True(core.ReportDirect(A, now));
        Assert.True(core.HearsDirectly(A));
        var fresh = core.Snapshot(A, now)!;
        Assert.Equal(2, fresh.SampleCount);
        Assert.Equal(Interval, fresh.MeanIntervalMs);

        // Relayed versions keep coming but the silence of direct heartbeats still counts.
        for (var t = now + 1_000; t <= now + 6_000; t += 1_000)
        {
            core.Report(A, t);
        }

        Assert.Equal(6_000, core.Snapshot(A, now + 6_000)!.LastHeartbeatAgeMs);
        Assert.Single(core.Evaluate(now + 6_000, 0).Convictions);
    }

    [Fact]
    public void A_convicted_peer_is_up_again_at_its_next_direct_heartbeat()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var last = Heartbeats(core, from: 0, count: 100);
        var convictedAt = EvaluateUntilConvicted(core, last);

        core.ReportDirect(A, convictedAt + 50);

        Assert.Equal([A], core.Evaluate(convictedAt + 100, 0).Recovered);
        Assert.False(core.IsDown(A));
    }

    [Fact]
    public void With_heartbeats_gossip_direct_heartbeats_are_ignored()
    {
        var core = new FailureDetectorCore(TestSettings.Detector("gossip.failure-detector.heartbeats = gossip"));
        core.Report(A, 0);

        Assert.False(core.ReportDirect(A, 500));

        Assert.False(core.HearsDirectly(A));
        Assert.Equal(1_000, core.Snapshot(A, 1_000)!.LastHeartbeatAgeMs);
    }

    private static long Heartbeats(FailureDetectorCore core, long from, int count) => DirectArrivals.Heartbeats(core, A, from, count);

    private static long EvaluateUntilConvicted(FailureDetectorCore core, long last) => DirectArrivals.EvaluateUntilConvicted(core, A, last);
}
