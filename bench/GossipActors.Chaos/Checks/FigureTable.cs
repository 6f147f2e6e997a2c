using System.Globalization;
using System.Text;
using GossipActors.Chaos.Nodes;

namespace GossipActors.Chaos.Checks;

/// <summary>The figures as the markdown table the run ends with (and docs/performance.md quotes).</summary>
public static class FigureTable
{
    public static string Render(Figures figures, IEnumerable<ChaosNode> nodes, DateTime now, string header)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var all = nodes.ToList();
        var nodeHours = all.Sum(n => n.RunningTime(now).TotalHours);
        var maxRss = all.MaxBy(n => n.MaxRssBytes);
        var table = new StringBuilder();
        table.AppendLine(header).AppendLine();
        table.AppendLine("| figure | value |").AppendLine("|---|---|");
        Row(table, "node-hours observed", F($"{nodeHours:0.00}"));
        Row(table, "false convictions (outside faults)", F($"{figures.FalseConvictions} ({PerHour(figures.FalseConvictions, nodeHours)} per node-hour)"));
        Row(table, "flaps (a running node convicted while no partition cut it off: loss and pauses included)", F($"{figures.Flaps} ({PerHour(figures.Flaps, nodeHours)} per node-hour)"));
        Row(table, "kill -9 detection, DOWN on every running peer (p50 / max)", Spread(figures.DetectionSeconds) +
            (figures.KillsRestartedBeforeDetection > 0 ? F($"; {figures.KillsRestartedBeforeDetection} restarted before seen everywhere") : string.Empty));
        Row(table, "one view after a partition heals (p50 / max)", Spread(figures.HealSeconds));
        Row(table, "UP on every peer after the last fault touching a node (p50 / max: the bound measured)", Spread(figures.RecoverySeconds));
        Row(table, "max RSS of a node", maxRss is null ? "-" : F($"{maxRss.MaxRssBytes / 1048576.0:0} MiB ({maxRss.Name})"));
        return table.ToString();
    }

    private static string Spread(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return "no sample";
        }

        var sorted = samples.Order().ToList();
        return F($"{sorted[(sorted.Count - 1) / 2]:0.0} s / {sorted[^1]:0.0} s (n = {sorted.Count})");
    }

    private static string PerHour(int count, double hours) => hours <= 0 ? "-" : F($"{count / hours:0.00}");

    private static void Row(StringBuilder table, string name, string value) => table.Append("| ").Append(name).Append(" | ").Append(value).AppendLine(" |");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
