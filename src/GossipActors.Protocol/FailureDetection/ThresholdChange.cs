namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// The answer to a run-time threshold change. A change lives only in this process's memory: it is
/// lost at restart unless <c>gossip.failure-detector.phi-convict-threshold</c> is also changed in
/// configuration, and <see cref="Message"/> says so.
/// </summary>
/// <param name="Restore">For a change with a window: the threshold the detector restores and when; otherwise null.</param>
public sealed record ThresholdChange(bool Applied, double Previous, double Current, bool InMemoryOnly, string Message, string? Warning, ThresholdRestore? Restore = null);
