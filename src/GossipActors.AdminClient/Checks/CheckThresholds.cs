namespace GossipActors.AdminClient.Checks;

/// <summary>What <see cref="NodeCheck"/> tolerates; gossipctl check takes each as an option.</summary>
/// <param name="SuspicionPhi">A live peer with a phi above this (or none) is suspicious.</param>
/// <param name="MaxSuspiciousPercent">More suspicious live peers than this share of them fails the phi rule.</param>
/// <param name="MaxBacklogMs">A gossip stage further behind than this fails the backlog rule; null: the node's own
/// <c>gossip.failure-detector.backlog-threshold</c>, the lag at which its detector stops judging peers.</param>
/// <param name="MaxClockSkewMs">A peer whose clock is further than this from the node's fails the clock rule; null: the
/// node's own <c>gossip.clock-skew-warning</c>.</param>
public sealed record CheckThresholds(double SuspicionPhi, double MaxSuspiciousPercent, long? MaxBacklogMs, long? MaxClockSkewMs = null);
