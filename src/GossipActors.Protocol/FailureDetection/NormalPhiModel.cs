namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Akka's model: gaps assumed normal with the window's mean and deviation, phi = -log10 of the
/// probability that a heartbeat is still to come. The expected gap is stretched by the acceptable
/// heartbeat pause and the deviation never drops below a minimum, so a very regular history does
/// not make the detector trigger-happy.
/// </summary>
public sealed class NormalPhiModel : IPhiModel
{
    private readonly double _minStdDeviationMs;
    private readonly double _acceptableHeartbeatPauseMs;

    public NormalPhiModel(double minStdDeviationMs, double acceptableHeartbeatPauseMs)
    {
        if (!(minStdDeviationMs > 0) || !double.IsFinite(minStdDeviationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(minStdDeviationMs), minStdDeviationMs, "min-std-deviation must be positive");
        }

        if (!(acceptableHeartbeatPauseMs >= 0) || !double.IsFinite(acceptableHeartbeatPauseMs))
        {
            throw new ArgumentOutOfRangeException(nameof(acceptableHeartbeatPauseMs), acceptableHeartbeatPauseMs, "acceptable-heartbeat-pause must not be negative");
        }

        _minStdDeviationMs = minStdDeviationMs;
        _acceptableHeartbeatPauseMs = acceptableHeartbeatPauseMs;
    }

    public PhiModelKind Kind => PhiModelKind.Normal;

    /// <summary>Two samples a quarter either side of the estimate: mean m, deviation m/4 until real gaps arrive.</summary>
    public IReadOnlyList<double> InitialSamples(double initialIntervalMs) =>
        [initialIntervalMs - (initialIntervalMs / 4), initialIntervalMs + (initialIntervalMs / 4)];

    public double Phi(long elapsedMs, IntervalWindow intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var mean = intervals.Mean + _acceptableHeartbeatPauseMs;
        var deviation = Math.Max(intervals.StandardDeviation, _minStdDeviationMs);
        return Phi(Math.Max(0L, elapsedMs), mean, deviation);
    }

    /// <summary>
    /// Phi of a normal distribution using the logistic approximation of its CDF,
    /// P(X &gt; t) ≈ e / (1 + e) with e = exp(-y (1.5976 + 0.070566 y²)), y = (t - mean) / deviation.
    /// </summary>
    /// <remarks>
    /// -log10(e / (1 + e)) = log10(1 + exp(z)) with z = y (1.5976 + 0.070566 y²). Computing it as a
    /// softplus of z keeps it finite for any silence (the direct form overflows to infinity once e
    /// underflows) and needs no branch on which side of the mean t lies. z grows strictly with y,
    /// so phi is non-decreasing in elapsed time.
    /// </remarks>
    public static double Phi(double elapsedMs, double meanMs, double standardDeviationMs)
    {
        if (!(standardDeviationMs > 0) || !double.IsFinite(standardDeviationMs))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviationMs), standardDeviationMs, "the standard deviation must be positive");
        }

        var y = (elapsedMs - meanMs) / standardDeviationMs;
        var z = y * (1.5976 + (0.070566 * y * y));
        var softplus = z > 0 ? z + Math.Log(1.0 + Math.Exp(-z)) : Math.Log(1.0 + Math.Exp(z));
        return Math.Max(0.0, softplus / Math.Log(10.0));
    }
}
