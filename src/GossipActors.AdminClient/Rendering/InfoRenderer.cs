using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Rendering;

/// <summary><c>gossipctl info</c>: the answering node, one "Name : value" line per fact, as nodetool info prints.</summary>
public static class InfoRenderer
{
    public static string Render(InfoResponse info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var threshold = Invariant($"{info.PhiConvictThreshold:0.##}");
        if (info.PendingRestore is { } restore)
        {
            threshold += Invariant($" (restored to {restore.Value:0.##} at {restore.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)");
        }

        var rows = new (string Name, string Value)[]
        {
            ("Address", info.Address),
            ("Cluster", info.ClusterName),
            ("Host ID", info.HostId),
            ("Generation", Invariant($"{info.Generation}")),
            ("Data center", info.Dc),
            ("Rack", info.Rack),
            ("Uptime (seconds)", Invariant($"{info.UptimeMs / 1000}")),
            ("Started", Invariant($"{info.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC")),
            ("Heap used", ByteSize.Format(info.HeapUsedBytes)),
            ("RSS", ByteSize.Format(info.RssBytes)),
            ("Phi convict threshold", threshold),
            ("Joined", info.Joined ? "true" : "false"),
            ("Converged", $"{(info.Converged ? "true" : "false")} ({info.HealthDetail})"),
        };
        var width = rows.Max(r => r.Name.Length);
        var text = new StringBuilder();
        foreach (var (name, value) in rows)
        {
            text.Append(name.PadRight(width)).Append(" : ").Append(value).Append('\n');
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
