namespace GossipActors.Hosting.Metrics;

/// <summary>What a metric is, in the terms both exporters share: a gauge, a monotonic counter, or a histogram.</summary>
public enum MetricKind
{
    Gauge,
    Counter,
    Histogram,
}
