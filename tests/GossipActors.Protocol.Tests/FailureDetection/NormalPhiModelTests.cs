using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>Akka's vectors from anchor-facts.</summary>
public sealed class NormalPhiModelTests
{
    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(500, 0.1)]
    [InlineData(1000, 0.3)]
    [InlineData(1200, 1.6)]
    [InlineData(1400, 4.7)]
    [InlineData(1600, 10.8)]
    [InlineData(1700, 15.3)]
    public void Phi_with_mean_1000_and_deviation_100_matches_akka(double elapsedMs, double expected)
    {
        var phi = NormalPhiModel.Phi(elapsedMs, 1000, 100);
        Assert.InRange(phi, expected - 0.1, expected + 0.1);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(6, 0.7257)]
    [InlineData(15, 0.9332)]
    [InlineData(20, 0.97725)]
    public void Cumulative_distribution_recovered_from_phi_matches_the_normal_cdf(double elapsed, double expectedCdf)
    {
        var cdf = 1 - Math.Pow(10, -NormalPhiModel.Phi(elapsed, 0, 10));
        Assert.Equal(expectedCdf, cdf, 3);
    }

    [Fact]
    public void History_starts_with_two_samples_a_quarter_either_side_of_the_estimate()
    {
        var model = new NormalPhiModel(100, 3000);
        Assert.Equal([750.0, 1250.0], model.InitialSamples(1000));

        var window = new ArrivalWindow(1000, model.InitialSamples(1000), maxIntervalMs: 30_000);
        window.RecordArrival(0);
        Assert.Equal(1000.0, window.Intervals.Mean, 9);
        Assert.Equal(250.0, window.Intervals.StandardDeviation, 9);
    }

    [Fact]
    public void Acceptable_pause_shifts_the_mean_and_min_deviation_floors_a_regular_history()
    {
        var window = new IntervalWindow(1000);
        for (var i = 0; i < 50; i++)
        {
            window.Add(1000);
        }

        Assert.Equal(0.0, window.StandardDeviation);
        var model = new NormalPhiModel(minStdDeviationMs: 100, acceptableHeartbeatPauseMs: 3000);
        foreach (var elapsed in new long[] { 0, 3500, 4000, 4200, 4600, 4700 })
        {
            Assert.Equal(NormalPhiModel.Phi(elapsed, 4000, 100), model.Phi(elapsed, window), 12);
        }

        // With 3 s acceptable pause and a 100 ms floor, threshold 8 is crossed between 4.5 and 4.6 s.
        Assert.True(model.Phi(4500, window) < 8);
        Assert.True(model.Phi(4600, window) > 8);
    }

    [Fact]
    public void A_long_silence_gives_a_large_finite_phi_instead_of_infinity()
    {
        var phi = NormalPhiModel.Phi(1_000_000, 1000, 100);
        Assert.True(double.IsFinite(phi));
        Assert.True(phi > 1e6);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_non_positive_deviation_is_refused(double deviation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalPhiModel.Phi(1, 1, deviation));
    }

    [Fact]
    public void Invalid_model_parameters_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalPhiModel(0, 3000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalPhiModel(100, -1));
    }

    [Fact]
    public void Phi_is_finite_non_negative_and_non_decreasing_in_elapsed_time()
    {
        var cases = Gen.Choose(0, 200_000).ListOf().Where(l => l.Count > 0)
            .Zip(Gen.Choose(-1_000, 600_000), (samples, elapsed) => (Samples: samples.ToArray(), Elapsed: elapsed))
            .Zip(Gen.Choose(0, 100_000), (c, extra) => (c.Samples, c.Elapsed, Extra: extra))
            .Zip(Gen.Choose(1, 1000).Zip(Gen.Choose(0, 10_000)), (c, p) => (c.Samples, c.Elapsed, c.Extra, MinStd: p.Item1, Pause: p.Item2));

        DeterministicProperty.Check(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var model = new NormalPhiModel(c.MinStd, c.Pause);
            var window = new IntervalWindow(1000);
            foreach (var sample in c.Samples)
            {
                window.Add(sample);
            }

            var earlier = model.Phi(c.Elapsed, window);
            var later = model.Phi(c.Elapsed + (long)c.Extra, window);
            return double.IsFinite(earlier) && earlier >= 0 && double.IsFinite(later) && later >= earlier;
        }));
    }
}
