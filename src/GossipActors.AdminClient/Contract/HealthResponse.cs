namespace GossipActors.AdminClient.Contract;

/// <summary>
/// <c>GET /health</c>: 200 when joined and converged, 503 otherwise; the body is this record either way.
/// </summary>
/// <param name="Joined">The shadow round succeeded and the node announced itself.</param>
/// <param name="Converged">Every known endpoint that is not LEFT is UP.</param>
/// <param name="Detail">One human sentence explaining the answer (for example which endpoints are DOWN).</param>
public sealed record HealthResponse(bool Joined, bool Converged, string Detail);
