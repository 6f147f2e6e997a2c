namespace GossipActors.AdminClient.Contract;

/// <summary><c>GET /info</c>: the answering node itself, like nodetool info.</summary>
/// <param name="Address">Its gossip address, HOST:PORT.</param>
/// <param name="ClusterName">Its cluster name.</param>
/// <param name="HostId">Its HOST_ID.</param>
/// <param name="Generation">Its heartbeat generation (set when the node starts, epoch seconds).</param>
/// <param name="Dc">Its DC application state.</param>
/// <param name="Rack">Its RACK application state.</param>
/// <param name="StartedAt">When the gossip node started in this process, by its clock.</param>
/// <param name="UptimeMs">Milliseconds since then.</param>
/// <param name="HeapUsedBytes">Managed heap in use (GC.GetTotalMemory without a collection).</param>
/// <param name="RssBytes">Resident set size of the process (its working set).</param>
/// <param name="PhiConvictThreshold">The failure detector's threshold in force (it may have been changed at run time).</param>
/// <param name="PendingRestore">The threshold a timed setphi will restore and when, or null.</param>
/// <param name="Joined">As /health: the node has joined and not left.</param>
/// <param name="Converged">As /health: every member peer is UP.</param>
/// <param name="HealthDetail">As /health: one sentence explaining the two.</param>
public sealed record InfoResponse(
    string Address,
    string ClusterName,
    string HostId,
    int Generation,
    string Dc,
    string Rack,
    DateTimeOffset StartedAt,
    long UptimeMs,
    long HeapUsedBytes,
    long RssBytes,
    double PhiConvictThreshold,
    ThresholdRestoreInfo? PendingRestore,
    bool Joined,
    bool Converged,
    string HealthDetail);
