using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>
/// The detector with <c>observers</c>: direct heartbeats judge the endpoints this node observes (those convictions are
/// the ones gossiped), everything else is the lenient gossip backstop.
/// </summary>
public sealed class ObservedEndpointsDetectionTests
{
    private static readonly EndpointAddress A = new("10.0.0.1", 7000);

    [Fact]
    public void The_default_is_auto_and_zero_or_a_negative_count_is_checked()
    {
        Assert.Null(TestSettings.Detector().Observers);
        Assert.Equal(3, TestSettings.Detector("gossip.failure-detector.observers = 3").Observers);
        Assert.Equal(0, TestSettings.Detector("gossip.failure-detector.observers = 0").Observers);
        var error = Assert.Throws<GossipActors.Hocon.ConfigException>(() => TestSettings.Detector("gossip.failure-detector.observers = -1"));
        Assert.Contains("gossip.failure-detector.observers", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_conviction_on_direct_heartbeats_is_an_observers_and_one_on_gossip_is_not()
    {
        var direct = new FailureDetectorCore(TestSettings.Detector());
        var gossip = new FailureDetectorCore(TestSettings.Detector());
        for (var t = 0L; t <= 60_000; t += 500)
        {
            direct.ReportDirect(A, t);
            gossip.Report(A, t * 2);
        }

        var byObserver = Assert.Single(direct.Evaluate(70_000, 0).Convictions);
        var byBackstop = Assert.Single(gossip.Evaluate(120_000 + 60_000, 0).Convictions);

        Assert.True(byObserver.ByObserver);
        Assert.False(byBackstop.ByObserver);
    }

    [Fact]
    public void The_backstop_is_cassandras_exponential_model_so_a_10_s_gap_in_gossip_is_not_convicted_but_30_s_is()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        for (var t = 0L; t <= 120_000; t += 1_000)
        {
            core.Report(A, t);
        }

        Assert.True(core.Phi(A, 120_000 + 10_000) < 8, $"phi {core.Phi(A, 130_000):0.00} after 10 s");
        Assert.True(core.Phi(A, 120_000 + 30_000) > 8, $"phi {core.Phi(A, 150_000):0.00} after 30 s");
    }

    [Fact]
    public void An_endpoint_no_longer_observed_goes_back_to_gossip_arrivals_and_is_not_convicted_for_the_silence()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        for (var t = 0L; t <= 10_000; t += 500)
        {
            core.ReportDirect(A, t);
        }

        core.KeepDirectOnly(new HashSet<EndpointAddress>(), 10_000);

        Assert.False(core.HearsDirectly(A));
        Assert.Empty(core.Evaluate(20_000, 0).Convictions);
        core.Report(A, 20_500);
        Assert.True(core.Phi(A, 21_000) < 1);
    }

    /// <summary>
    /// The local cluster's kill of a node the moment the cluster formed: its observers had asked for its heartbeats but
    /// none had come, so they judged it on gossip and the backstop took 20 s. Akka's expected-response-after.
    /// </summary>
    [Fact]
    public void An_observed_endpoint_never_heard_directly_is_judged_on_direct_heartbeats_two_intervals_on_and_convicted_in_seconds()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var observed = new HashSet<EndpointAddress> { A };
        core.Report(A, 0);
        core.KeepDirectOnly(observed, 0);
        core.KeepDirectOnly(observed, 500);
        Assert.False(core.HearsDirectly(A));

        core.KeepDirectOnly(observed, 1_000);

        Assert.True(core.HearsDirectly(A));
        long? convictedAt = null;
        for (var t = 1_000L; t <= 30_000 && convictedAt is null; t += 100)
        {
            if (t % 500 == 0)
            {
                core.KeepDirectOnly(observed, t);
            }

            if (core.Evaluate(t, 0).Convictions is [var conviction])
            {
                Assert.True(conviction.ByObserver);
                convictedAt = t;
            }
        }

        Assert.InRange(convictedAt!.Value, 4_000, 7_000);
    }

    [Fact]
    public void An_observed_endpoint_whose_first_heartbeat_comes_late_is_not_convicted()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var observed = new HashSet<EndpointAddress> { A };
        core.Report(A, 0);
        for (var t = 0L; t <= 60_000; t += 100)
        {
            if (t % 500 == 0)
            {
                core.KeepDirectOnly(observed, t);
                if (t >= 2_500)
                {
                    core.ReportDirect(A, t);
                }
            }

            Assert.Empty(core.Evaluate(t, 0).Convictions);
        }
    }

    /// <summary>
    /// The 16-node simulation on a heavy-tailed network: a subject that learnt of nobody for 7 s ignored its observers'
    /// watches (they were unknown to it) and was convicted though gossip kept bringing its new heartbeat versions.
    /// </summary>
    [Fact]
    public void Until_the_first_direct_heartbeat_comes_gossip_news_counts_and_once_it_stops_the_endpoint_is_convicted_in_seconds()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var observed = new HashSet<EndpointAddress> { A };
        long? convictedAt = null;
        for (var t = 0L; t <= 40_000 && convictedAt is null; t += 100)
        {
            if (t % 500 == 0)
            {
                core.KeepDirectOnly(observed, t);
            }

            // Gossip brings a new heartbeat version every 1.5 s until the subject dies at 20 s.
            if (t % 1_500 == 0 && t < 20_000)
            {
                core.Report(A, t);
            }

            if (core.Evaluate(t, 0).Convictions is [var conviction])
            {
                Assert.True(conviction.ByObserver);
                convictedAt = t;
            }
        }

        Assert.True(core.HearsDirectly(A));
        Assert.InRange(convictedAt!.Value, 19_500 + 4_000, 19_500 + 7_000);
    }

    [Fact]
    public void The_first_direct_heartbeat_after_one_was_due_starts_a_window_of_direct_arrivals_only()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        var observed = new HashSet<EndpointAddress> { A };
        for (var t = 0L; t <= 3_000; t += 500)
        {
            core.KeepDirectOnly(observed, t);
            core.Report(A, t * 3);
        }

        core.ReportDirect(A, 10_000);
        for (var t = 10_500L; t <= 20_000; t += 500)
        {
            core.ReportDirect(A, t);
            core.Report(A, t + 100);
        }

        var window = core.Snapshot(A, 20_000)!;
        Assert.InRange(window.MeanIntervalMs, 490, 510);
    }
}
