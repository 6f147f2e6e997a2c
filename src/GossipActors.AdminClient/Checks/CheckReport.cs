namespace GossipActors.AdminClient.Checks;

/// <summary>What <c>gossipctl check</c> found on one node: every figure each rule read, and which rules failed.</summary>
/// <param name="Node">The checked node's gossip address (as its /status names it).</param>
/// <param name="Healthy">No rule failed.</param>
/// <param name="Failed">The names of the failed rules (<c>phi</c>, <c>backlog</c>, <c>converged</c>, <c>config</c>, <c>clock</c>), in that order.</param>
public sealed record CheckReport(
    string Node,
    bool Healthy,
    IReadOnlyList<string> Failed,
    PhiRuleFigures Phi,
    BacklogRuleFigures Backlog,
    ConvergedRuleFigures Converged,
    ConfigRuleFigures Config,
    ClockRuleFigures Clock);

/// <param name="Passed">At most <paramref name="MaxSuspiciousPercent"/> % of the live peers are suspicious.</param>
/// <param name="Detail">One sentence with the figures.</param>
/// <param name="SuspicionPhi">The phi above which a live peer is suspicious.</param>
/// <param name="MaxSuspiciousPercent">The share of suspicious live peers tolerated.</param>
/// <param name="LivePeers">Peers UP whose STATUS is not a dead state.</param>
/// <param name="SuspiciousPercent">Suspicious live peers as a percentage of the live peers.</param>
/// <param name="SuspiciousPeers">Each suspicious live peer with its phi (null when the detector has none for it).</param>
public sealed record PhiRuleFigures(
    bool Passed,
    string Detail,
    double SuspicionPhi,
    double MaxSuspiciousPercent,
    int LivePeers,
    double SuspiciousPercent,
    IReadOnlyList<SuspiciousPeer> SuspiciousPeers);

/// <param name="Address">HOST:PORT.</param>
/// <param name="Phi">Its phi; null when the detector holds no history for it.</param>
public sealed record SuspiciousPeer(string Address, double? Phi);

/// <param name="Passed">The gossip stage is at most <paramref name="MaxBacklogMs"/> behind.</param>
/// <param name="Detail">One sentence with the figures.</param>
/// <param name="GossipBacklogMs">How far behind the node's gossip stage is, as its failure detector measured it last.</param>
/// <param name="MaxBacklogMs">The backlog tolerated.</param>
public sealed record BacklogRuleFigures(bool Passed, string Detail, long GossipBacklogMs, long MaxBacklogMs);

/// <param name="Passed">The node has joined and every member peer is UP (its /health answers 200).</param>
/// <param name="Detail">The node's own explanation (its /health detail).</param>
/// <param name="Joined">The node has joined the cluster and not left it.</param>
/// <param name="Converged">Every member peer is UP.</param>
public sealed record ConvergedRuleFigures(bool Passed, string Detail, bool Joined, bool Converged);

/// <param name="Passed">Every reachable node gossips the same settings fingerprint (CONFIG) as the checked node.</param>
/// <param name="Detail">One sentence with the figures.</param>
/// <param name="Fingerprints">Distinct fingerprints among reachable nodes ("none" counted as one).</param>
/// <param name="DifferingSettings">The cluster-wide settings that differ from the checked node's somewhere.</param>
public sealed record ConfigRuleFigures(bool Passed, string Detail, int Fingerprints, IReadOnlyList<string> DifferingSettings);

/// <param name="Passed">No peer's estimated clock skew is further from zero than <paramref name="MaxClockSkewMs"/>.</param>
/// <param name="Detail">One sentence with the figures.</param>
/// <param name="MaxClockSkewMs">The skew tolerated (the node's gossip.clock-skew-warning unless given).</param>
/// <param name="MeasuredPeers">Peers with a skew estimate.</param>
/// <param name="LargestSkewMs">The largest |skew| among them (0 when none).</param>
/// <param name="SkewedPeers">The peers beyond the limit, the furthest first.</param>
public sealed record ClockRuleFigures(bool Passed, string Detail, long MaxClockSkewMs, int MeasuredPeers, long LargestSkewMs, IReadOnlyList<SkewedPeer> SkewedPeers);

/// <param name="Address">HOST:PORT.</param>
/// <param name="SkewMs">Its clock minus the checked node's (positive: ahead).</param>
/// <param name="RoundTripMs">The round trip the estimate was measured over; it is right to within half of it.</param>
public sealed record SkewedPeer(string Address, long SkewMs, long RoundTripMs);
