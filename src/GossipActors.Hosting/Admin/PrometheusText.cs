using System.Globalization;
using System.Text;
using GossipActors.Hosting.Metrics;
using GossipActors.Hosting.Runtime;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// <c>/metrics</c> in the Prometheus text exposition format 0.0.4, rendered from the same definitions as the
/// <see cref="GossipMetrics.MeterName"/> meter (<see cref="GossipMetrics.All"/>), so both carry the same metrics under
/// the same names. Every name starts with <c>gossipactors_</c>; the list is in docs/hosting.md.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(MetricReading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var text = new StringBuilder();
        foreach (var definition in GossipMetrics.All)
        {
            var name = definition.PrometheusName;
            Header(text, name, definition.PrometheusType, definition.Description);
            if (definition.Kind == MetricKind.Histogram)
            {
                Histogram(text, name, reading.Runtime.Rounds);
                continue;
            }

            foreach (var sample in definition.Read!(reading))
            {
                Sample(text, name, sample.Value, sample.Labels);
            }
        }

        return text.ToString();
    }

    private static void Histogram(StringBuilder text, string name, RoundMetrics rounds)
    {
        var (cumulative, sum, count) = rounds.Histogram();
        for (var i = 0; i < RoundMetrics.BucketBounds.Length; i++)
        {
            Sample(text, name + "_bucket", cumulative[i], [new("le", RoundMetrics.BucketBounds[i].ToString(CultureInfo.InvariantCulture))]);
        }

        Sample(text, name + "_bucket", count, [new("le", "+Inf")]);
        Sample(text, name + "_sum", sum, []);
        Sample(text, name + "_count", count, []);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, double value, IReadOnlyList<KeyValuePair<string, string>> labels)
    {
        text.Append(name);
        if (labels.Count > 0)
        {
            text.Append('{');
            text.AppendJoin(',', labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""));
            text.Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
