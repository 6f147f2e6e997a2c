using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Convergence;

/// <summary>
/// Pure judgements over /status answers from several nodes: "does everyone see everyone UP?" for
/// LocalCluster and multi-process tests, and "does everyone left see X DOWN?" after a kill.
/// </summary>
public static class ClusterConvergence
{
    public static ConvergenceReport Evaluate(IReadOnlyCollection<string> expectedMembers, IEnumerable<NodeView> views)
    {
        ArgumentNullException.ThrowIfNull(expectedMembers);
        ArgumentNullException.ThrowIfNull(views);

        var sights = new List<NodeSight>();
        foreach (var view in views)
        {
            if (view.Status is null)
            {
                sights.Add(new NodeSight(view.Address, [], [], view.Error ?? "no answer"));
                continue;
            }

            var up = new List<string>();
            var missing = new List<string>();
            foreach (var member in expectedMembers)
            {
                var entry = Find(view.Status, member);
                if (entry?.Status == Liveness.Up)
                {
                    up.Add(member);
                }
                else
                {
                    missing.Add(entry is null ? $"{member} (unknown)" : $"{member} ({entry.Code})");
                }
            }

            sights.Add(new NodeSight(view.Address, up, missing, null));
        }

        return new ConvergenceReport(sights);
    }

    /// <summary>True when <paramref name="status"/> lists <paramref name="member"/> as DOWN.</summary>
    public static bool SeesDown(StatusResponse status, string member)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Find(status, member)?.Status == Liveness.Down;
    }

    /// <summary>The entry for <paramref name="member"/>, or null when the node does not know it.</summary>
    public static EndpointStatus? Find(StatusResponse status, string member)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Endpoints.FirstOrDefault(e => string.Equals(e.Address, member, StringComparison.OrdinalIgnoreCase));
    }
}
