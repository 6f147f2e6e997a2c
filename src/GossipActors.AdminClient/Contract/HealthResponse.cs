namespace GossipActors.AdminClient.Contract;

/// <summary>
/// <c>GET /health</c>: 200 when joined and converged, 503 otherwise; the body is this record either way.
/// </summary>
/// <param name="Joined">
/// The shadow round succeeded, the node announced itself, and it has not left since: false again once its own
/// STATUS is a dead state (decommissioned or assassinated: LEFT; stopping: shutdown).
/// </param>
/// <param name="Converged">
/// Every peer that is still a member is UP. Peers whose STATUS says they are gone (LEFT, removed, removing,
/// shutdown, hibernate) are not required to be UP.
/// </param>
/// <param name="Detail">One human sentence explaining the answer (for example which endpoints are DOWN).</param>
public sealed record HealthResponse(bool Joined, bool Converged, string Detail);
