using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Rendering;

/// <summary>
/// <c>gossipctl describecluster</c>: nodetool's "Cluster Information" block, with the schema
/// versions and their holders, unreachable nodes apart, and an explicit agreement verdict.
/// </summary>
public static class DescribeClusterRenderer
{
    public static string Render(DescribeClusterResponse cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var output = new StringBuilder();
        output.Append("Cluster Information:\n");
        output.Append("    Name: ").Append(cluster.ClusterName).Append('\n');
        output.Append("    Schema versions:\n");
        foreach (var group in cluster.SchemaVersions.OrderByDescending(g => g.Endpoints.Count).ThenBy(g => g.Version, StringComparer.Ordinal))
        {
            var version = string.IsNullOrEmpty(group.Version) ? "(none published)" : group.Version;
            output.Append("        ").Append(version).Append(": ").Append(List(group.Endpoints)).Append('\n');
        }

        if (cluster.Unreachable.Count > 0)
        {
            output.Append("        UNREACHABLE: ").Append(List(cluster.Unreachable)).Append('\n');
        }

        output.Append(
            cluster.Disagreement
                ? string.Create(CultureInfo.InvariantCulture, $"    Schema agreement: NO ({cluster.SchemaVersions.Count} versions among reachable nodes)\n")
                : "    Schema agreement: yes\n");
        if (cluster.ConfigVersions is { Count: > 0 } configs)
        {
            output.Append("    Cluster-wide settings (fingerprint: nodes):\n");
            foreach (var group in configs)
            {
                output.Append("        ").Append(group.Fingerprint).Append(": ").Append(List(group.Endpoints));
                if (group.DiffersIn.Count > 0)
                {
                    output.Append(" differ from this node in ").Append(string.Join(", ", group.DiffersIn));
                }

                output.Append('\n');
            }

            output.Append(
                cluster.ConfigDrift
                    ? string.Create(CultureInfo.InvariantCulture, $"    Configuration agreement: NO ({configs.Count} fingerprints among reachable nodes)\n")
                    : "    Configuration agreement: yes\n");
        }

        return output.ToString();
    }

    private static string List(IEnumerable<string> endpoints) =>
        "[" + string.Join(", ", endpoints.Order(AddressOrder.Instance)) + "]";
}
