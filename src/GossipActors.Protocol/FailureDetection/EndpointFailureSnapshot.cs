using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// One endpoint as <c>gossipctl failuredetector</c> prints it: how suspicious it is now, what its
/// history looks like, and whether it has been going up and down within the flap window. <paramref name="Observed"/>:
/// this node is one of its observers (judges it on direct heartbeats); <paramref name="ConvictedBy"/>: the observer whose
/// gossiped conviction holds it DOWN here (this node's own address for its own), filled in by the gossiper, as is
/// <paramref name="ClockSkew"/>: the gossip core's estimate of the peer's clock against this node's (null before the first exchange).
/// </summary>
public sealed record EndpointFailureSnapshot(
    EndpointAddress Endpoint,
    double Phi,
    bool IsDown,
    double MeanIntervalMs,
    double StandardDeviationMs,
    int SampleCount,
    long LastHeartbeatAgeMs,
    int DownTransitionsInFlapWindow,
    int UpTransitionsInFlapWindow,
    bool IsFlapping,
    IReadOnlyList<LivenessTransition> RecentTransitions,
    bool Observed = false,
    EndpointAddress? ConvictedBy = null,
    Clock.ClockSkewEstimate? ClockSkew = null)
{
    public int TransitionsInFlapWindow => DownTransitionsInFlapWindow + UpTransitionsInFlapWindow;
}
