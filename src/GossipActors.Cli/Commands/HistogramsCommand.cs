using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl histograms</c>: nodetool proxyhistograms for gossip.</summary>
public static class HistogramsCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "histograms",
        "Gossip latency percentiles (50/75/95/98/99/max) over a sliding window: whole rounds, SYN to ACK, SYN and ACK handling",
        AdminRoutes.Histograms,
        (client, ct) => client.GetHistogramsAsync(ct),
        HistogramsRenderer.Render);
}
