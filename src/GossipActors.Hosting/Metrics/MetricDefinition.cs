namespace GossipActors.Hosting.Metrics;

/// <summary>
/// One metric of the runtime, defined once: the System.Diagnostics.Metrics instrument is made from it and /metrics
/// renders it, so the two cannot drift apart. Histograms are recorded as they happen (see
/// <see cref="Runtime.RoundMetrics"/>) and have no <see cref="Read"/>.
/// </summary>
/// <param name="Name">The instrument name (OpenTelemetry style, dotted); the Prometheus name is derived from it.</param>
/// <param name="Kind">Gauge, counter or histogram.</param>
/// <param name="Unit">UCUM unit (<c>s</c>, <c>By</c>) or null for a plain count.</param>
/// <param name="Description">One sentence: the HELP line and the instrument's description.</param>
/// <param name="Read">The samples of a gauge or counter in a reading.</param>
public sealed record MetricDefinition(string Name, MetricKind Kind, string? Unit, string Description, Func<MetricReading, IEnumerable<MetricSample>>? Read)
{
    /// <summary>
    /// The name OpenTelemetry's Prometheus exporter gives the instrument, which is also the name /metrics uses:
    /// dots become underscores, the unit is appended unless the name already ends with it, and counters end in _total.
    /// </summary>
    public string PrometheusName
    {
        get
        {
            var name = Name.Replace('.', '_');
            var suffix = Unit switch
            {
                "s" => "_seconds",
                "By" => "_bytes",
                _ => string.Empty,
            };
            if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name += suffix;
            }

            return Kind == MetricKind.Counter ? name + "_total" : name;
        }
    }

    public string PrometheusType => Kind switch
    {
        MetricKind.Gauge => "gauge",
        MetricKind.Counter => "counter",
        _ => "histogram",
    };
}
