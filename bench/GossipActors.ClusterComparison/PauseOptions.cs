namespace GossipActors.ClusterComparison;

/// <summary>The pause run (<c>--pause-run</c>): how long it lasts, how often its node is stopped and for how long.</summary>
public sealed record PauseOptions(TimeSpan Duration, TimeSpan Period, TimeSpan Pause);
