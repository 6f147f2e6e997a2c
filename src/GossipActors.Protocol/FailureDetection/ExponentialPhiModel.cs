namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Cassandra's model. With exponentially distributed gaps P(silence &gt; t) = e^(-t/mean), so
/// -log10 of it is t / mean / ln 10; that is the phi reported and compared with the threshold.
/// At threshold 8 an endpoint is convicted after 8 × ln 10 ≈ 18.42 mean gaps of silence.
/// </summary>
public sealed class ExponentialPhiModel : IPhiModel
{
    /// <summary>
    /// Heartbeat versions relayed in a burst can arrive in the same millisecond; a window of only such
    /// zero gaps would divide by zero, so the mean is never taken below this.
    /// </summary>
    public const double MinimumMeanMs = 1.0;

    public PhiModelKind Kind => PhiModelKind.Exponential;

    public IReadOnlyList<double> InitialSamples(double initialIntervalMs) => [initialIntervalMs];

    public double Phi(long elapsedMs, IntervalWindow intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        return ReportedPhi(elapsedMs, intervals.Mean);
    }

    /// <summary>The reported phi: (gap / mean) / ln 10.</summary>
    public static double ReportedPhi(double elapsedMs, double meanMs)
    {
        var mean = Math.Max(meanMs, MinimumMeanMs);
        var elapsed = double.IsFinite(elapsedMs) ? Math.Max(0.0, elapsedMs) : 0.0;
        return elapsed / mean / Math.Log(10.0);
    }
}
