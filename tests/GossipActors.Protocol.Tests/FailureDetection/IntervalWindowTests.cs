using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

public sealed class IntervalWindowTests
{
    [Fact]
    public void Akka_window_vector_gives_mean_179_and_variance_7584()
    {
        var window = new IntervalWindow(1000);
        foreach (var sample in new double[] { 100, 200, 125, 340, 130 })
        {
            window.Add(sample);
        }

        Assert.Equal(179.0, window.Mean, 9);
        Assert.Equal(7584.0, window.Variance, 6);
        Assert.Equal(Math.Sqrt(7584.0), window.StandardDeviation, 9);
    }

    [Fact]
    public void A_full_window_evicts_its_oldest_sample()
    {
        var window = new IntervalWindow(3);
        foreach (var sample in new double[] { 10, 20, 30, 40, 50 })
        {
            window.Add(sample);
        }

        Assert.Equal([30.0, 40.0, 50.0], window.ToArray());
        Assert.Equal(3, window.Count);
        Assert.Equal(40.0, window.Mean, 9);
        Assert.Equal(200.0 / 3.0, window.Variance, 9);
    }

    [Fact]
    public void An_empty_window_has_zero_statistics()
    {
        var window = new IntervalWindow(5);
        Assert.Equal(0, window.Count);
        Assert.Equal(0.0, window.Mean);
        Assert.Equal(0.0, window.Variance);
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_samples_are_refused_with_a_reason(double sample)
    {
        var window = new IntervalWindow(5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => window.Add(sample));
        Assert.Contains("non-negative", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, window.Count);
    }

    [Fact]
    public void A_window_without_room_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalWindow(0));
    }

    [Fact]
    public void Statistics_equal_a_naive_recomputation_after_any_sequence_of_adds()
    {
        var samples = Gen.Choose(0, 120_000).Select(ms => (double)ms)
            .Zip(Gen.Choose(0, 999), (ms, fraction) => ms + (fraction / 1000.0))
            .ListOf();
        var cases = Gen.Choose(1, 64).Zip(samples, (capacity, list) => (Capacity: capacity, Samples: list.ToArray()));

        DeterministicProperty.Check(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var window = new IntervalWindow(c.Capacity);
            for (var i = 0; i < c.Samples.Length; i++)
            {
                window.Add(c.Samples[i]);
                AssertMatchesNaive(window, c.Samples[Math.Max(0, i + 1 - c.Capacity)..(i + 1)]);
            }
        }));
    }

    [Fact]
    public void Statistics_stay_exact_over_many_turns_of_a_large_window()
    {
        // Far more evictions than one recompute period, with values of very different sizes, to
        // show the incremental updates do not drift.
        var random = new Random(42);
        var window = new IntervalWindow(1000);
        var all = new List<double>();
        for (var i = 0; i < 25_000; i++)
        {
            var sample = random.Next(0, 10) == 0 ? random.Next(20_000, 30_000) : 1000 + random.NextDouble();
            window.Add(sample);
            all.Add(sample);
            if (i % 997 == 0 || i == 24_999)
            {
                AssertMatchesNaive(window, all.Skip(Math.Max(0, all.Count - 1000)).ToArray());
            }
        }
    }

    private static void AssertMatchesNaive(IntervalWindow window, double[] expected)
    {
        Assert.Equal(expected, window.ToArray());
        var mean = expected.Average();
        var variance = expected.Sum(x => (x - mean) * (x - mean)) / expected.Length;
        Assert.True(Math.Abs(window.Mean - mean) <= 1e-9 * Math.Max(1.0, Math.Abs(mean)), $"mean {window.Mean} != naive {mean}");
        Assert.True(Math.Abs(window.Variance - variance) <= 1e-6 * Math.Max(1.0, variance), $"variance {window.Variance} != naive {variance}");
    }
}
