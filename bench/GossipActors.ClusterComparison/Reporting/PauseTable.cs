using System.Globalization;
using System.Text;

namespace GossipActors.ClusterComparison.Reporting;

/// <summary>The pause run's markdown table: one row per system and size.</summary>
public static class PauseTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<PauseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("| system | N | run | stops × length | convictions logged (all nodes) | of the stopped node | its UP/DOWN transitions (observers' /failuredetector) | highest phi of it (sampled every 200 ms) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            if (r.Skipped is not null)
            {
                text.AppendLine(Invariant, $"| {r.Label} | {r.Nodes} | skipped: {r.Skipped} | | | | | |");
                continue;
            }

            text.AppendLine(Invariant,
                $"| {r.Label} | {r.Nodes} | {r.Duration.TotalMinutes:0.0} min | {r.Stops} × {r.Pause.TotalSeconds:0.00} s | {r.Convictions.Count} | {r.ConvictionsOfStopped} | {(r.Transitions is { } t ? t.ToString(Invariant) : "n/a")} | {(r.MaxPhiOfStopped is { } p ? p.ToString("0.00", Invariant) : "n/a")} |");
        }

        return text.ToString();
    }
}
