using System.CommandLine;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl tpstats</c>: mailbox depth and message counters per actor group.</summary>
public static class TpStatsCommand
{
    public static Command Create(GossipctlOptions options) => ReadCommand.Create(
        options,
        "tpstats",
        "Mailbox depth, processed, failed and dropped messages per actor group",
        AdminRoutes.TpStats,
        (client, ct) => client.GetTpStatsAsync(ct),
        TpStatsRenderer.Render);
}
