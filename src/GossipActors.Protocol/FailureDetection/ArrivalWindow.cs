namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Arrival times of one endpoint's new heartbeat versions, turned into a window of inter-arrival
/// intervals. The first arrival records no interval (there is nothing to measure from); instead
/// the window is seeded with the model's initial samples so phi is meaningful from the start.
/// Gaps longer than the maximum recorded interval are left out, so one long outage does not teach
/// the detector that long silences are normal.
/// </summary>
public sealed class ArrivalWindow
{
    private readonly IntervalWindow _intervals;
    private readonly IReadOnlyList<double> _initialSamples;
    private readonly long _maxIntervalMs;

    public ArrivalWindow(int capacity, IReadOnlyList<double> initialSamples, long maxIntervalMs)
    {
        ArgumentNullException.ThrowIfNull(initialSamples);
        if (maxIntervalMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIntervalMs), maxIntervalMs, "the maximum recorded interval must be positive");
        }

        _intervals = new IntervalWindow(capacity);
        _initialSamples = initialSamples;
        _maxIntervalMs = maxIntervalMs;
    }

    public IntervalWindow Intervals => _intervals;

    /// <summary>When the latest heartbeat arrived; null before the first.</summary>
    public long? LastArrivalMs { get; private set; }

    /// <summary>Arrivals recorded, so a value derived from the window can tell it is stale.</summary>
    public long Arrivals { get; private set; }

    /// <summary>Intervals left out because they were longer than the maximum recorded interval.</summary>
    public long IgnoredIntervals { get; private set; }

    /// <summary>Records a new heartbeat version seen at <paramref name="nowMs"/>.</summary>
    /// <param name="nowMs">When it arrived.</param>
    /// <param name="endsOutage">
    /// The gap this arrival ends is an outage (the endpoint was convicted in it: a crash, a stop, a partition; or this
    /// node was paused in it), not a sample of the endpoint's normal intervals, and is left out like one longer than
    /// the maximum. Recorded, a
    /// 13 s stop raised the deviation twentyfold and the time to convict the next silence from 4.9 s to 14.6 s.
    /// </param>
    /// <returns>The interval recorded, or null when none was (first arrival, an outage, or a gap too long to record).</returns>
    public long? RecordArrival(long nowMs, bool endsOutage = false)
    {
        Arrivals++;
        if (LastArrivalMs is not { } last)
        {
            foreach (var sample in _initialSamples)
            {
                _intervals.Add(sample);
            }

            LastArrivalMs = nowMs;
            return null;
        }

        // A clock that stepped back must not produce a negative interval; the arrival still counts.
        var interval = Math.Max(0L, nowMs - last);
        LastArrivalMs = Math.Max(last, nowMs);
        if (endsOutage || interval > _maxIntervalMs)
        {
            IgnoredIntervals++;
            return null;
        }

        _intervals.Add(interval);
        return interval;
    }

    /// <summary>Milliseconds since the latest heartbeat (0 if it is in the future or none arrived yet).</summary>
    public long ElapsedSinceLastArrival(long nowMs) =>
        LastArrivalMs is { } last ? Math.Max(0L, nowMs - last) : 0L;
}
