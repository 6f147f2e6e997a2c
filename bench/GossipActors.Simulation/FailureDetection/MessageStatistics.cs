namespace GossipActors.Simulation.FailureDetection;

/// <summary>What the network model actually produced, printed beside the figures as evidence of the latency and loss used.</summary>
internal sealed class MessageStatistics
{
    // Latency histogram in 0.1 ms buckets up to 1 s: enough resolution for mean and p99.
    private readonly long[] _buckets = new long[10_001];
    private double _latencySumMs;

    public long Sent { get; set; }

    public long Lost { get; set; }

    public long Delivered { get; private set; }

    public double MeanLatencyMs => Delivered == 0 ? 0 : _latencySumMs / Delivered;

    public void Record(double latencyMs)
    {
        Delivered++;
        _latencySumMs += latencyMs;
        _buckets[Math.Min(_buckets.Length - 1, (int)(latencyMs * 10))]++;
    }

    public double PercentileMs(double fraction)
    {
        var rank = (long)Math.Ceiling(fraction * Delivered);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank && rank > 0)
            {
                return (i + 1) / 10.0;
            }
        }

        return 0;
    }
}
