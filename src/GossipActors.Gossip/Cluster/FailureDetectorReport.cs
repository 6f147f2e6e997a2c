using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The failure detector as it is now, read in one message so the threshold and the phis belong to the same instant.
/// The threshold is the detector's own: it reflects every run-time change, whoever made it.
/// </summary>
/// <param name="PhiConvictThreshold">The threshold in force (the configured one, or the last in-memory change).</param>
/// <param name="Model">The phi model in use.</param>
/// <param name="Endpoints">One snapshot per tracked endpoint, as <see cref="IGossipCluster.GetFailureDetectorSnapshotAsync"/> returns.</param>
public sealed record FailureDetectorReport(double PhiConvictThreshold, PhiModelKind Model, IReadOnlyList<EndpointFailureSnapshot> Endpoints)
{
    /// <summary>
    /// How far behind the gossip stage is, as the detector measures it before each evaluation: the age of its
    /// unanswered probe, or the round trip of the last one answered.
    /// </summary>
    public long GossipBacklogMs { get; init; }

    /// <summary>The backlog above which the detector skips evaluations (<c>gossip.failure-detector.backlog-threshold</c>).</summary>
    public TimeSpan BacklogThreshold { get; init; }

    /// <summary>|clock skew| above which a peer is warned about (<c>gossip.clock-skew-warning</c>), filled in by the gossiper.</summary>
    public long ClockSkewWarningMs { get; init; }

    /// <summary>The threshold a timed change (setphi --for) will restore and when, or null.</summary>
    public ThresholdRestore? PendingRestore { get; init; }
}
