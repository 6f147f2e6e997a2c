namespace GossipActors.AdminClient.Contract;

/// <summary><c>GET /failuredetector</c>: how suspicious each peer is and how it has behaved lately.</summary>
/// <param name="PhiConvictThreshold">The threshold in force now (it may have been changed at run time).</param>
/// <param name="Model">"exponential" or "normal".</param>
/// <param name="Endpoints">One entry per peer (the answering node is not its own peer).</param>
/// <param name="GossipBacklogMs">How far behind the node's gossip stage is, as its detector measured it last.</param>
/// <param name="BacklogThresholdMs">The backlog above which the detector stops judging peers (gossip.failure-detector.backlog-threshold).</param>
/// <param name="PendingRestore">The threshold a timed setphi will restore and when; null when none is pending.</param>
/// <param name="ClockSkewWarningMs">|clock skew| above which the node warns about a peer (gossip.clock-skew-warning); gossipctl check's default limit.</param>
public sealed record FailureDetectorResponse(
    double PhiConvictThreshold,
    string Model,
    IReadOnlyList<EndpointFailureInfo> Endpoints,
    long GossipBacklogMs = 0,
    long BacklogThresholdMs = 0,
    ThresholdRestoreInfo? PendingRestore = null,
    long ClockSkewWarningMs = 0);

/// <param name="Address">Gossip address, HOST:PORT.</param>
/// <param name="Status">DOWN when this node's detector convicted it or an observer's gossiped conviction holds it DOWN here; else UP.</param>
/// <param name="Phi">Current reported phi.</param>
/// <param name="MeanIntervalMs">Mean of the arrival window in milliseconds.</param>
/// <param name="SampleCount">Intervals in the arrival window.</param>
/// <param name="LastHeartbeatAgeMs">Milliseconds since a new heartbeat version was last seen.</param>
/// <param name="TransitionsLast10Min">UP/DOWN transitions within the last 10 minutes.</param>
/// <param name="Flapping">True when the transitions show the endpoint going down repeatedly.</param>
/// <param name="Observed">True when this node is one of the peer's observers (judges it on direct heartbeats); false: judged on gossip (the backstop).</param>
/// <param name="ConvictedBy">The observer (HOST:PORT, this node's own address for its own) whose gossiped conviction holds the peer DOWN here; null when none.</param>
/// <param name="ClockSkewMs">The peer's clock minus this node's, estimated from gossip exchanges (positive: the peer is ahead); null before the first exchange.</param>
/// <param name="ClockSkewRoundTripMs">The round trip that estimate was measured over: it is right to within half of it.</param>
public sealed record EndpointFailureInfo(
    string Address,
    Liveness Status,
    double Phi,
    double MeanIntervalMs,
    int SampleCount,
    long LastHeartbeatAgeMs,
    int TransitionsLast10Min,
    bool Flapping,
    bool Observed = false,
    string? ConvictedBy = null,
    long? ClockSkewMs = null,
    long? ClockSkewRoundTripMs = null);
