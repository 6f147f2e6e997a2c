using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl gossipinfo</c>: raw endpoint states in Cassandra's NAME:version:value layout.</summary>
public static class GossipInfoCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "gossipinfo",
        "Generation, heartbeat and every application state of every known endpoint",
        AdminRoutes.GossipInfo,
        (client, ct) => client.GetGossipInfoAsync(ct),
        GossipInfoRenderer.Render);
}
