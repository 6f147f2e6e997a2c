using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// One endpoint as <c>gossipctl failuredetector</c> prints it: how suspicious it is now, what its
/// history looks like, and whether it has been going up and down within the flap window.
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
    IReadOnlyList<LivenessTransition> RecentTransitions)
{
    public int TransitionsInFlapWindow => DownTransitionsInFlapWindow + UpTransitionsInFlapWindow;
}
