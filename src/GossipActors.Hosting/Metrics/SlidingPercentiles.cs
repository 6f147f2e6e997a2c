namespace GossipActors.Hosting.Metrics;

/// <summary>
/// Percentiles of the values recorded within the last <c>window</c>, like nodetool's proxyhistograms but over a
/// sliding window rather than since start, so a bad minute shows and then ages out. Time is whatever the caller says
/// it is (milliseconds of a monotonic clock), so the class is tested on virtual time. At most <c>capacity</c> values
/// are kept (the oldest go first), which bounds memory under any rate. Thread-safe.
/// </summary>
public sealed class SlidingPercentiles
{
    private readonly Queue<(long AtMs, double Value)> _values = new();
    private readonly long _windowMs;
    private readonly int _capacity;
    private readonly Lock _gate = new();

    public SlidingPercentiles(TimeSpan window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _windowMs = (long)window.TotalMilliseconds;
        _capacity = capacity;
    }

    public void Record(long nowMs, double value)
    {
        lock (_gate)
        {
            Expire(nowMs);
            _values.Enqueue((nowMs, value));
            if (_values.Count > _capacity)
            {
                _values.Dequeue();
            }
        }
    }

    /// <summary>Nearest-rank percentiles of the values recorded in the window ending at <paramref name="nowMs"/>.</summary>
    public PercentileSummary Summarize(long nowMs)
    {
        double[] sorted;
        lock (_gate)
        {
            Expire(nowMs);
            sorted = _values.Select(v => v.Value).ToArray();
        }

        if (sorted.Length == 0)
        {
            return PercentileSummary.Empty;
        }

        Array.Sort(sorted);
        return new PercentileSummary(
            sorted.Length,
            Rank(sorted, 50),
            Rank(sorted, 75),
            Rank(sorted, 95),
            Rank(sorted, 98),
            Rank(sorted, 99),
            sorted[^1]);
    }

    // The smallest value with at least p % of the values at or below it.
    private static double Rank(double[] sorted, double percent) =>
        sorted[Math.Max(0, (int)Math.Ceiling(percent / 100 * sorted.Length) - 1)];

    private void Expire(long nowMs)
    {
        while (_values.Count > 0 && _values.Peek().AtMs <= nowMs - _windowMs)
        {
            _values.Dequeue();
        }
    }
}

/// <summary>What one window holds: the count and the percentiles (null when the window is empty).</summary>
public sealed record PercentileSummary(int Count, double? P50, double? P75, double? P95, double? P98, double? P99, double? Max)
{
    public static PercentileSummary Empty { get; } = new(0, null, null, null, null, null, null);
}
