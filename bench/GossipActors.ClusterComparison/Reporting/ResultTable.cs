using System.Globalization;
using System.Text;

namespace GossipActors.ClusterComparison.Reporting;

/// <summary>The markdown tables: one row per system at a size, then the GossipActors rows as ratios to the others.</summary>
public static class ResultTable
{
    private const string NotMeasured = "n/a";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(IReadOnlyList<SystemResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        text.AppendLine("| system | N | (a) launch → all see N up | (b) last process up → all see N up | (c) kill -9 → down on first / every survivor | (d) idle RSS / node | idle CPU / node | bytes/s / node | (e) app state → all, p50 / max |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            if (r.Skipped is not null)
            {
                text.AppendLine(Invariant, $"| {r.Label} | {r.Nodes} | skipped: {r.Skipped} | | | | | | |");
                continue;
            }

            text.AppendLine(Invariant, $"| {r.Label} | {r.Nodes} | {Seconds(r.LaunchToAllUp)} | {Seconds(r.ProcessUpToAllUp)} | {Kills(r)} | {Number(r.IdleRssMiB, "0.0", " MiB")} | {Number(r.IdleCpuPercent, "0.00", " %")} | {Number(r.IdleBytesPerSecond, "#,0", string.Empty)} | {Pair(r.AppStateP50, r.AppStateMax)} |");
        }

        var ratios = Ratios(results);
        if (ratios.Length > 0)
        {
            text.AppendLine();
            text.AppendLine("| ratio (below 1: GossipActors smaller, i.e. faster or cheaper) | N | (a) | (b) | (c) every survivor | RSS | CPU | bytes/s | (e) p50 |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|");
            text.Append(ratios);
        }

        return text.ToString();
    }

    private static string Ratios(IReadOnlyList<SystemResult> results)
    {
        var text = new StringBuilder();
        var measured = results.Where(r => r.Skipped is null).ToList();
        foreach (var ours in measured.Where(r => r.Label.StartsWith("GossipActors", StringComparison.Ordinal)))
        {
            foreach (var other in measured.Where(r => r.Nodes == ours.Nodes && !r.Label.StartsWith("GossipActors", StringComparison.Ordinal)))
            {
                text.AppendLine(Invariant, $"| {ours.Label} / {other.Label} | {ours.Nodes} | {Ratio(ours.LaunchToAllUp, other.LaunchToAllUp)} | {Ratio(ours.ProcessUpToAllUp, other.ProcessUpToAllUp)} | {Ratio(ours.DownEvery, other.DownEvery)} | {Ratio(ours.IdleRssMiB, other.IdleRssMiB)} | {Ratio(ours.IdleCpuPercent, other.IdleCpuPercent)} | {Ratio(ours.IdleBytesPerSecond, other.IdleBytesPerSecond)} | {Ratio(ours.AppStateP50, other.AppStateP50)} |");
            }
        }

        return text.ToString();
    }

    // One kill: its first / every. Several: the medians, and the slowest "every survivor" of them.
    private static string Kills(SystemResult r)
    {
        var pair = Pair(r.DownFirst, r.DownEvery);
        var everys = r.Kills.Where(k => k.Every is not null).Select(k => k.Every!.Value).ToList();
        return r.Kills.Count > 1 && everys.Count > 0
            ? string.Create(Invariant, $"{pair} (median of {r.Kills.Count}; every ≤ {Figure(everys.Max())} s)")
            : pair;
    }

    private static string Seconds(TimeSpan? t) => t is { } v ? Figure(v) + " s" : NotMeasured;

    private static string Pair(TimeSpan? first, TimeSpan? second) =>
        first is null && second is null
            ? NotMeasured
            : $"{(first is { } f ? Figure(f) : NotMeasured)} / {(second is { } s ? Figure(s) : NotMeasured)} s";

    // Tenths of a second, hundredths below one second (Serf joins and state changes take well under a second).
    private static string Figure(TimeSpan t) => t.TotalSeconds.ToString(Math.Abs(t.TotalSeconds) < 1 ? "0.00" : "0.0", Invariant);

    private static string Number(double? value, string format, string unit) =>
        value is { } v ? v.ToString(format, Invariant) + unit : NotMeasured;

    private static string Ratio(TimeSpan? ours, TimeSpan? theirs) => Ratio(ours?.TotalSeconds, theirs?.TotalSeconds);

    private static string Ratio(double? ours, double? theirs) =>
        ours is { } o && theirs is { } t && t > 0 ? (o / t).ToString("0.00", Invariant) : NotMeasured;
}
