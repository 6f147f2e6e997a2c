namespace GossipActors.Protocol.FailureDetection;

/// <summary>An endpoint going down (conviction) or coming back up, as judged by this detector.</summary>
public readonly record struct LivenessTransition(long AtMs, bool IsUp);
