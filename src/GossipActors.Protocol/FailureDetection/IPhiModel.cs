namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// How suspicious a silence is, given the endpoint's interval history. Both models report phi on the
/// same scale (phi = 8 means roughly a 1e-8 chance the endpoint is merely late), so one
/// <c>phi-convict-threshold</c> applies to either.
/// </summary>
public interface IPhiModel
{
    PhiModelKind Kind { get; }

    /// <summary>The samples a new endpoint's window starts with, derived from the expected heartbeat interval.</summary>
    IReadOnlyList<double> InitialSamples(double initialIntervalMs);

    /// <summary>Phi after <paramref name="elapsedMs"/> of silence; finite, never negative, non-decreasing in elapsed time.</summary>
    double Phi(long elapsedMs, IntervalWindow intervals);
}
