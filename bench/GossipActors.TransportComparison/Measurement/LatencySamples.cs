using System.Diagnostics;

namespace GossipActors.TransportComparison.Measurement;

/// <summary>
/// Every latency sample of one run, kept raw (a few MB at most for 10 s) so percentiles are exact rather than
/// bucketed. Owned by one actor, so not thread-safe.
/// </summary>
public sealed class LatencySamples
{
    private long[] _ticks = new long[1 << 16];
    private int _count;

    public void Add(long elapsedTicks)
    {
        if (_count == _ticks.Length)
        {
            Array.Resize(ref _ticks, _ticks.Length * 2);
        }

        _ticks[_count++] = elapsedTicks;
    }

    /// <summary>Nearest-rank percentiles in microseconds; sorts the samples in place.</summary>
    public LatencySummary Summarize()
    {
        if (_count == 0)
        {
            return new LatencySummary(0, 0, 0, 0);
        }

        var samples = _ticks.AsSpan(0, _count);
        samples.Sort();
        return new LatencySummary(_count, Micros(NearestRank(samples, 0.50)), Micros(NearestRank(samples, 0.99)), Micros(samples[^1]));
    }

    private static long NearestRank(ReadOnlySpan<long> sorted, double quantile)
    {
        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;
}

/// <summary>Latency of one message stream over the window, in microseconds.</summary>
public readonly record struct LatencySummary(int Count, double P50, double P99, double Max);
