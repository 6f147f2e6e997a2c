using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl info</c>: nodetool info for one node.</summary>
public static class InfoCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "info",
        "This node: address, host id, generation, uptime, heap and RSS, phi threshold, joined and converged",
        AdminRoutes.Info,
        (client, ct) => client.GetInfoAsync(ct),
        InfoRenderer.Render);
}
