using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Rendering;

/// <summary><c>gossipctl tpstats</c>: nodetool tpstats for actor groups instead of thread pools.</summary>
public static class TpStatsRenderer
{
    public static string Render(TpStatsResponse stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var table = new TextTable("Actor group", ">Actors", ">Mailbox", ">Processed", ">Failed", ">Dropped");
        foreach (var group in stats.Groups.OrderBy(g => g.Group, StringComparer.Ordinal))
        {
            table.Add(
                group.Group,
                group.Actors.ToString(CultureInfo.InvariantCulture),
                group.MailboxDepth.ToString(CultureInfo.InvariantCulture),
                group.Processed.ToString(CultureInfo.InvariantCulture),
                group.Failed.ToString(CultureInfo.InvariantCulture),
                group.Dropped.ToString(CultureInfo.InvariantCulture));
        }

        var output = new StringBuilder();
        table.WriteTo(output);
        return output.ToString();
    }
}
