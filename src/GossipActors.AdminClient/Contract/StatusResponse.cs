namespace GossipActors.AdminClient.Contract;

/// <summary>
/// <c>GET /status</c>: the membership as the answering node sees it. Views differ between nodes
/// during a partition, so the answer names who is speaking.
/// </summary>
/// <param name="ClusterName">The answering node's cluster name.</param>
/// <param name="LocalEndpoint">The answering node's gossip address (HOST:PORT).</param>
/// <param name="Endpoints">Every known endpoint, the answering node included (with <c>IsLocal</c>).</param>
public sealed record StatusResponse(string ClusterName, string LocalEndpoint, IReadOnlyList<EndpointStatus> Endpoints);

/// <param name="Address">Gossip address, HOST:PORT.</param>
/// <param name="Status">UP or DOWN as judged by the answering node.</param>
/// <param name="State">Membership state from the endpoint's STATUS.</param>
/// <param name="Dc">Datacenter (DC application state); empty when not yet known.</param>
/// <param name="Rack">Rack (RACK application state); empty when not yet known.</param>
/// <param name="HostId">HOST_ID; empty when not yet known.</param>
/// <param name="LoadBytes">LOAD in bytes, or null when the endpoint has not published it.</param>
/// <param name="Phi">Current reported phi (phi / ln 10 for the exponential model); null for the local node and for a peer the failure detector holds no history for.</param>
/// <param name="Generation">Heartbeat generation (start time, epoch seconds).</param>
/// <param name="HeartbeatVersion">Heartbeat version last seen.</param>
/// <param name="IsLocal">True for the answering node itself.</param>
/// <param name="ClockSkewMs">The peer's clock minus the answering node's, estimated from gossip exchanges (positive: the peer is ahead); null for the local node and before the first exchange.</param>
/// <param name="ClockSkewRoundTripMs">The round trip that estimate was measured over: it is right to within half of it.</param>
public sealed record EndpointStatus(
    string Address,
    Liveness Status,
    MembershipState State,
    string Dc,
    string Rack,
    string HostId,
    double? LoadBytes,
    double? Phi,
    int Generation,
    int HeartbeatVersion,
    bool IsLocal,
    long? ClockSkewMs = null,
    long? ClockSkewRoundTripMs = null)
{
    /// <summary>nodetool's UN/DN code, derived so it can never disagree with the two fields.</summary>
    public string Code => StatusCode.Of(Status, State);
}
