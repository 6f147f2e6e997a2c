namespace GossipActors.Gossip.Simulation;

/// <summary>The latencies the network actually applied, printed beside the figures as evidence of the model used.</summary>
public sealed class LatencyStatistics
{
    // Whole-millisecond buckets up to 1 s: the network's clock resolution, enough for mean and p99.
    private readonly long[] _buckets = new long[1001];
    private double _sumMs;

    public long Count { get; private set; }

    public double MeanMs => Count == 0 ? 0 : _sumMs / Count;

    /// <summary>Records a sample and returns it, so it can wrap a sampler.</summary>
    public double Record(double latencyMs)
    {
        Count++;
        _sumMs += latencyMs;
        _buckets[Math.Clamp((int)Math.Round(latencyMs), 0, _buckets.Length - 1)]++;
        return latencyMs;
    }

    /// <summary>Nearest-rank percentile in whole milliseconds.</summary>
    public double PercentileMs(double fraction)
    {
        var rank = (long)Math.Ceiling(fraction * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (rank > 0 && seen >= rank)
            {
                return i;
            }
        }

        return 0;
    }
}
