using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// The result of one scheduled evaluation: endpoints that went down, endpoints that came back, and
/// at most one warning (the first evaluation after a local pause).
/// </summary>
public sealed record FailureDetectorEvaluation(
    IReadOnlyList<Conviction> Convictions,
    IReadOnlyList<EndpointAddress> Recovered,
    EvaluationOutcome Outcome,
    string? Warning);
