using GossipActors.AdminClient.Contract;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using StatusValues = GossipActors.Protocol.Gossip.EndpointStatus;

namespace GossipActors.Hosting.Runtime;

/// <summary>Joined and converged, with one sentence saying why: shared by the health check and <c>/health</c>.</summary>
public static class NodeHealth
{
    public static async Task<HealthResponse> EvaluateAsync(GossipActorsRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (!runtime.Joined)
        {
            return new HealthResponse(false, false, $"{runtime.RemoteSettings.Address} has not joined the cluster yet (shadow round not finished)");
        }

        var members = await runtime.Cluster.GetMembersAsync().ConfigureAwait(false);
        return Evaluate(members);
    }

    /// <summary>Converged = every known endpoint that is not LEFT is UP.</summary>
    public static HealthResponse Evaluate(IReadOnlyList<ClusterMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var notUp = members
            .Where(m => !m.IsLocal && !m.IsUp && StatusValues.Kind(m.Status) is not (StatusValues.Left or StatusValues.Removed))
            .Select(m => m.Endpoint.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        var peers = members.Count(m => !m.IsLocal);
        return notUp.Count switch
        {
            0 => new HealthResponse(true, true, peers == 0 ? "joined; no peers known yet" : $"joined; all {peers} peers are UP"),
            1 => new HealthResponse(true, false, $"{notUp[0]} is DOWN"),
            _ => new HealthResponse(true, false, $"{notUp.Count} endpoints are DOWN: {string.Join(", ", notUp)}"),
        };
    }
}
