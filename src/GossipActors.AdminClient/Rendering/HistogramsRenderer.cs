using System.Globalization;
using System.Text;
using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Rendering;

/// <summary><c>gossipctl histograms</c>: one row per latency, percentiles in milliseconds, as nodetool proxyhistograms lays them out.</summary>
public static class HistogramsRenderer
{
    public static string Render(HistogramsResponse histograms)
    {
        ArgumentNullException.ThrowIfNull(histograms);
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture, $"Gossip latencies over the last {TimeSpan.FromMilliseconds(histograms.WindowMs).TotalMinutes:0.#} min (milliseconds)\n");
        var table = new TextTable("Latency", ">Count", ">50%", ">75%", ">95%", ">98%", ">99%", ">Max", "Measured");
        foreach (var h in histograms.Histograms)
        {
            table.Add(h.Name, h.Count.ToString(CultureInfo.InvariantCulture), Ms(h.P50Ms), Ms(h.P75Ms), Ms(h.P95Ms), Ms(h.P98Ms), Ms(h.P99Ms), Ms(h.MaxMs), h.Description);
        }

        table.WriteTo(output);
        return output.ToString();
    }

    private static string Ms(double? value) => value is { } ms ? ms.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
