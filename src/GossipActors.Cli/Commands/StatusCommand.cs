using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl status</c>: nodetool status for a gossip cluster.</summary>
public static class StatusCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "status",
        "Every known node with UN/DN, address, load, host id, rack and phi, per datacenter",
        AdminRoutes.Status,
        (client, ct) => client.GetStatusAsync(ct),
        StatusRenderer.Render);
}
