using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl describecluster</c>: cluster name and schema (config) agreement.</summary>
public static class DescribeClusterCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "describecluster",
        "Cluster name and the schema versions with the nodes holding each",
        AdminRoutes.DescribeCluster,
        (client, ct) => client.DescribeClusterAsync(ct),
        DescribeClusterRenderer.Render);
}
