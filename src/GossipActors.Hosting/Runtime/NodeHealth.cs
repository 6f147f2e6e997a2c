using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.Gossip.Cluster;
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

    /// <summary>
    /// Converged = every peer that is still a member is UP. A peer whose STATUS is a dead state (LEFT
    /// after a decommission or an assassination, removed, removing, shutdown after a clean stop,
    /// hibernate) has said it is gone, so its being DOWN is expected and is only counted. A node whose
    /// own STATUS is a dead state is no longer joined, whatever its peers look like.
    /// </summary>
    public static HealthResponse Evaluate(IReadOnlyList<ClusterMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.FirstOrDefault(m => m.IsLocal) is { } self && StatusValues.IsDeadState(self.Status))
        {
            return new HealthResponse(false, false, OutOfCluster(self));
        }

        var peers = members.Where(m => !m.IsLocal).ToList();
        var memberPeers = peers.Where(m => !StatusValues.IsDeadState(m.Status)).ToList();
        var down = memberPeers
            .Where(m => !m.IsUp)
            .Select(m => m.Endpoint.ToString())
            .Order(StringComparer.Ordinal)
            .ToList();
        var gone = GoneCounts(peers);

        if (down.Count > 0)
        {
            var verb = down.Count == 1 ? "is" : "are";
            return new HealthResponse(true, false, Invariant($"{down.Count} of {memberPeers.Count} member peers {verb} DOWN: {string.Join(", ", down)}{gone}"));
        }

        var detail = (peers.Count, memberPeers.Count) switch
        {
            (0, _) => "joined; no peers known yet",
            (_, 0) => $"joined; no member peers{gone}",
            (_, 1) => $"joined; the 1 member peer is UP{gone}",
            (_, var n) => Invariant($"joined; all {n} member peers are UP{gone}"),
        };
        return new HealthResponse(true, true, detail);
    }

    private static string OutOfCluster(ClusterMember self)
    {
        var kind = StatusValues.Kind(self.Status);
        return kind switch
        {
            StatusValues.Shutdown => $"{self.Endpoint} is shutting down (its own STATUS is {kind})",
            StatusValues.Left =>
                $"{self.Endpoint} has left the cluster (its own STATUS is {kind}: it was decommissioned or assassinated); it must be restarted deliberately to rejoin",
            _ => $"{self.Endpoint} has left the cluster (its own STATUS is {kind}); it must be restarted deliberately to rejoin",
        };
    }

    /// <summary>" (4 left, 1 shut down)" for the peers that said they are gone, or "" when none did.</summary>
    private static string GoneCounts(IReadOnlyList<ClusterMember> peers)
    {
        var kinds = peers.Select(p => StatusValues.Kind(p.Status)).ToList();
        var counts = new (int Count, string Word)[]
        {
            (kinds.Count(k => k is StatusValues.Left or StatusValues.Removed or StatusValues.Removing), "left"),
            (kinds.Count(k => k == StatusValues.Shutdown), "shut down"),
            (kinds.Count(k => k == StatusValues.Hibernate), "hibernating"),
        };
        var parts = counts.Where(c => c.Count > 0).Select(c => Invariant($"{c.Count} {c.Word}")).ToList();
        return parts.Count == 0 ? string.Empty : $" ({string.Join(", ", parts)})";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
