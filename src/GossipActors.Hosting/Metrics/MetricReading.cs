using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Runtime;
using StatusValues = GossipActors.Protocol.Gossip.EndpointStatus;

namespace GossipActors.Hosting.Metrics;

/// <summary>
/// Everything the metrics read at one instant: the node's counters (read where they live) and what only its actors
/// know (the detector's report, the members, health), asked once so every metric of one scrape agrees.
/// </summary>
/// <param name="Runtime">The node: counters, rounds, transport.</param>
/// <param name="Detector">The detector's report without the node itself: peers' phi, the threshold in force, the backlog.</param>
/// <param name="MembersUp">Endpoints UP, self included.</param>
/// <param name="MembersDown">Member endpoints not UP: the ones to alert on.</param>
/// <param name="MembersGone">Endpoints not UP whose STATUS says they are gone (left, removed, shut down cleanly).</param>
/// <param name="Joined">As /health.</param>
/// <param name="Converged">As /health.</param>
/// <param name="ConfigDrift">Reachable nodes gossip more than one settings fingerprint (as /describecluster).</param>
public sealed record MetricReading(
    GossipActorsRuntime Runtime,
    FailureDetectorReport Detector,
    int MembersUp,
    int MembersDown,
    int MembersGone,
    bool Joined,
    bool Converged,
    bool ConfigDrift)
{
    public static async Task<MetricReading> CaptureAsync(GossipActorsRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var detector = await PeerReportAsync(runtime).ConfigureAwait(false);
        var members = await runtime.Cluster.GetMembersAsync().ConfigureAwait(false);
        var health = await NodeHealth.EvaluateAsync(runtime).ConfigureAwait(false);
        var up = members.Count(m => m.IsLocal || m.IsUp);
        // A peer that said it is gone (left, shut down) is not a failure to alert on: the same rule as /health.
        var gone = members.Count(m => !m.IsLocal && !m.IsUp && StatusValues.IsDeadState(m.Status));
        var drift = (await runtime.Cluster.DescribeClusterAsync().ConfigureAwait(false)).ConfigVersions.Count > 1;
        return new MetricReading(runtime, detector, up, members.Count - up - gone, gone, health.Joined, health.Converged, drift);
    }

    /// <summary>
    /// The detector's own report (so its threshold reflects every run-time change, through the admin API or straight
    /// through <see cref="IGossipCluster"/>), without the local endpoint.
    /// </summary>
    public static async Task<FailureDetectorReport> PeerReportAsync(GossipActorsRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var local = runtime.Node.LocalEndpoint;
        var report = await runtime.Cluster.GetFailureDetectorReportAsync().ConfigureAwait(false);
        return report with { Endpoints = report.Endpoints.Where(s => s.Endpoint != local).ToList() };
    }
}
