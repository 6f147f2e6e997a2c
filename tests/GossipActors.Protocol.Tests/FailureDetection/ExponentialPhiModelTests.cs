using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>Cassandra's vectors from anchor-facts; reported phi = gap / mean / ln 10.</summary>
public sealed class ExponentialPhiModelTests
{
    private static readonly ExponentialPhiModel Model = new();

    [Fact]
    public void Window_of_four_with_arrivals_every_111_ms_evicts_the_initial_sample()
    {
        var window = new ArrivalWindow(4, Model.InitialSamples(2000), maxIntervalMs: 30_000);
        foreach (var at in new long[] { 111, 222, 333, 444, 555 })
        {
            window.RecordArrival(at);
        }

        Assert.Equal([111.0, 111.0, 111.0, 111.0], window.Intervals.ToArray());
        Assert.Equal(111.0, window.Intervals.Mean, 9);
        Assert.Equal(0.434, Model.Phi(window.ElapsedSinceLastArrival(666), window.Intervals), 3);
        var at3000 = Model.Phi(window.ElapsedSinceLastArrival(3000), window.Intervals);
        Assert.Equal(9.566, at3000, 3);
        Assert.True(at3000 > 8, "convicted at threshold 8");
    }

    [Fact]
    public void One_arrival_at_zero_crosses_threshold_8_between_36_and_37_seconds()
    {
        var window = new ArrivalWindow(1000, Model.InitialSamples(2000), maxIntervalMs: 30_000);
        window.RecordArrival(0);

        Assert.Equal([2000.0], window.Intervals.ToArray());
        var at36 = Model.Phi(window.ElapsedSinceLastArrival(36_000), window.Intervals);
        var at37 = Model.Phi(window.ElapsedSinceLastArrival(37_000), window.Intervals);
        Assert.Equal(7.817, at36, 3);
        Assert.Equal(8.034, at37, 3);
        Assert.True(at36 <= 8 && at37 > 8);
    }

    [Fact]
    public void Initial_sample_and_ten_one_second_gaps_cross_threshold_8_between_20_and_20_2_seconds()
    {
        var window = new ArrivalWindow(1000, Model.InitialSamples(2000), maxIntervalMs: 30_000);
        for (var i = 0; i <= 10; i++)
        {
            window.RecordArrival(i * 1000L);
        }

        Assert.Equal(11, window.Intervals.Count);
        Assert.Equal(1090.91, window.Intervals.Mean, 2);
        Assert.Equal(7.962, Model.Phi(window.ElapsedSinceLastArrival(10_000 + 20_000), window.Intervals), 3);
        Assert.Equal(8.042, Model.Phi(window.ElapsedSinceLastArrival(10_000 + 20_200), window.Intervals), 3);
    }

    [Fact]
    public void At_threshold_8_conviction_takes_about_18_42_mean_gaps()
    {
        Assert.Equal(8.0, ExponentialPhiModel.ReportedPhi(8 * Math.Log(10) * 1000, 1000), 9);
        Assert.Equal(18.42, 8 * Math.Log(10), 2);
    }

    [Fact]
    public void A_window_of_zero_gaps_does_not_divide_by_zero()
    {
        Assert.Equal(0.0, ExponentialPhiModel.ReportedPhi(0, 0));
        Assert.True(double.IsFinite(ExponentialPhiModel.ReportedPhi(5000, 0)));
    }

    [Fact]
    public void Phi_is_finite_non_negative_and_non_decreasing_in_elapsed_time()
    {
        var cases = Gen.Choose(0, 200_000).ListOf().Where(l => l.Count > 0)
            .Zip(Gen.Choose(-1_000, 600_000), (samples, elapsed) => (Samples: samples.ToArray(), Elapsed: elapsed))
            .Zip(Gen.Choose(0, 100_000), (c, extra) => (c.Samples, c.Elapsed, Extra: extra));

        DeterministicProperty.Check(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var window = new IntervalWindow(1000);
            foreach (var sample in c.Samples)
            {
                window.Add(sample);
            }

            var earlier = Model.Phi(c.Elapsed, window);
            var later = Model.Phi(c.Elapsed + (long)c.Extra, window);
            return double.IsFinite(earlier) && earlier >= 0 && double.IsFinite(later) && later >= earlier;
        }));
    }
}
