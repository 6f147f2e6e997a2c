namespace GossipActors.Hosting.Metrics;

/// <summary>One value of a metric, with its labels (Prometheus) or tags (System.Diagnostics.Metrics).</summary>
public readonly record struct MetricSample(double Value, IReadOnlyList<KeyValuePair<string, string>> Labels)
{
    public static MetricSample Of(double value) => new(value, []);

    public static MetricSample Of(double value, string label, string labelValue) => new(value, [new(label, labelValue)]);
}
