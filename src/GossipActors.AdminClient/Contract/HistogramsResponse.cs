namespace GossipActors.AdminClient.Contract;

/// <summary><c>GET /histograms</c>: gossip latency percentiles over a sliding window, like nodetool proxyhistograms.</summary>
/// <param name="WindowMs">How far back the percentiles look.</param>
/// <param name="Histograms">One entry per measured latency, in a fixed order.</param>
public sealed record HistogramsResponse(long WindowMs, IReadOnlyList<LatencyHistogram> Histograms);

/// <param name="Name">Stable key: <c>round</c>, <c>syn-ack</c>, <c>syn-processing</c>, <c>ack-processing</c>.</param>
/// <param name="Description">What is timed, from which message to which.</param>
/// <param name="Count">Values in the window.</param>
/// <param name="P50Ms">Median, in milliseconds; null (as every percentile) when the window is empty.</param>
/// <param name="P75Ms">75th percentile.</param>
/// <param name="P95Ms">95th percentile.</param>
/// <param name="P98Ms">98th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Largest value in the window.</param>
public sealed record LatencyHistogram(
    string Name,
    string Description,
    int Count,
    double? P50Ms,
    double? P75Ms,
    double? P95Ms,
    double? P98Ms,
    double? P99Ms,
    double? MaxMs);
