using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Metrics;
using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using StatusValues = GossipActors.Protocol.Gossip.EndpointStatus;

namespace GossipActors.Hosting.Admin;

/// <summary>Turns the gossip API's answers into the admin contract's records; pure.</summary>
public static class ContractMapping
{
    public static StatusResponse Status(string clusterName, string localEndpoint, IReadOnlyList<StatusRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new StatusResponse(clusterName, localEndpoint, rows.Select(r => new AdminClient.Contract.EndpointStatus(
            r.Endpoint.ToString(),
            r.Liveness == "UP" ? Liveness.Up : Liveness.Down,
            State(r.State),
            r.Dc ?? string.Empty,
            r.Rack ?? string.Empty,
            r.HostId ?? string.Empty,
            double.TryParse(r.Load, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null,
            r.IsLocal ? null : r.Phi,
            r.Generation,
            r.HeartBeatVersion,
            r.IsLocal,
            r.ClockSkew?.SkewMs,
            r.ClockSkew?.RoundTripMs)).ToList());
    }

    /// <summary>The membership state named by a STATUS kind (NORMAL, LEAVING, LEFT, shutdown…).</summary>
    public static MembershipState State(string? statusKind) => StatusValues.Kind(statusKind) switch
    {
        "NORMAL" => MembershipState.Normal,
        "LEAVING" => MembershipState.Leaving,
        StatusValues.Left or StatusValues.Removed or StatusValues.Removing => MembershipState.Left,
        "MOVING" => MembershipState.Moving,
        StatusValues.Shutdown => MembershipState.Shutdown,
        _ => MembershipState.Joining,
    };

    /// <summary>
    /// What the assassination rules read: every endpoint this node knows except itself, with liveness and
    /// STATUS from the membership and phi from the failure detector (null when the detector holds none).
    /// </summary>
    public static IReadOnlyList<PeerLiveness> Peers(IReadOnlyList<ClusterMember> members, IReadOnlyList<EndpointFailureSnapshot> detector)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(detector);
        var phi = detector.ToDictionary(s => s.Endpoint, s => s.Phi);
        return members
            .Where(m => !m.IsLocal)
            .Select(m => new PeerLiveness(
                m.Endpoint.ToString(),
                m.IsUp,
                StatusValues.IsDeadState(m.Status),
                phi.TryGetValue(m.Endpoint, out var p) ? p : null))
            .ToList();
    }

    public static GossipInfoResponse GossipInfo(IReadOnlyList<GossipInfoEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return new GossipInfoResponse(entries.Select(e => new EndpointGossipInfo(
            e.Endpoint.ToString(),
            e.Generation,
            e.HeartBeat,
            e.States.Select(s => new ApplicationStateEntry(s.Key, s.Version, s.Value)).ToList())).ToList());
    }

    public static FailureDetectorResponse FailureDetector(FailureDetectorReport report, long nowUnixMs)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new FailureDetectorResponse(
            report.PhiConvictThreshold,
            report.Model == PhiModelKind.Normal ? "normal" : "exponential",
            report.Endpoints.Select(s => new EndpointFailureInfo(
                s.Endpoint.ToString(),
                s.IsDown || s.ConvictedBy is not null ? Liveness.Down : Liveness.Up,
                s.Phi,
                s.MeanIntervalMs,
                s.SampleCount,
                s.LastHeartbeatAgeMs,
                s.TransitionsInFlapWindow,
                s.IsFlapping,
                s.Observed,
                s.ConvictedBy?.ToString(),
                s.ClockSkew?.SkewMs,
                s.ClockSkew?.RoundTripMs)).ToList(),
            report.GossipBacklogMs,
            (long)report.BacklogThreshold.TotalMilliseconds,
            Restore(report.PendingRestore, nowUnixMs),
            report.ClockSkewWarningMs);
    }

    /// <param name="nowUnixMs">The node's clock now, from which the time left is counted.</param>
    public static ThresholdRestoreInfo? Restore(ThresholdRestore? restore, long nowUnixMs) => restore is null
        ? null
        : new ThresholdRestoreInfo(restore.Value, DateTimeOffset.FromUnixTimeMilliseconds(restore.AtUnixMs), Math.Max(0, restore.AtUnixMs - nowUnixMs));

    /// <param name="nowMs">The windows' clock now (milliseconds of the monotonic timestamps they were fed).</param>
    public static HistogramsResponse Histograms(ExchangeLatencies latencies, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(latencies);
        return new HistogramsResponse(
            (long)ExchangeLatencies.Window.TotalMilliseconds,
            [
                Histogram("round", "round begun here: SYN out to ACK2 out", latencies.Round, nowMs),
                Histogram("syn-ack", "round begun here: SYN out to the peer's ACK in", latencies.SynToAck, nowMs),
                Histogram("syn-processing", "a peer's SYN handled here: SYN in to ACK out", latencies.SynProcessing, nowMs),
                Histogram("ack-processing", "a peer's ACK handled here: ACK in to ACK2 out", latencies.AckProcessing, nowMs),
                Histogram("ack2-processing", "a peer's ACK2 handled here: ACK2 in to its states applied", latencies.Ack2Processing, nowMs),
                Histogram("heartbeat-processing", "a peer's direct heartbeat or watch handled here", latencies.HeartbeatProcessing, nowMs),
                Histogram("echo-processing", "an echo or echo reply handled here", latencies.EchoProcessing, nowMs),
                Histogram("shutdown-processing", "a peer's shutdown announcement handled here", latencies.ShutdownProcessing, nowMs),
                Histogram("heartbeat-transit", "a peer's direct heartbeat from leaving it to arriving here, corrected by its clock skew", latencies.HeartbeatTransit, nowMs),
            ]);
    }

    private static LatencyHistogram Histogram(string name, string description, SlidingPercentiles window, long nowMs)
    {
        var s = window.Summarize(nowMs);
        return new LatencyHistogram(name, description, s.Count, s.P50, s.P75, s.P95, s.P98, s.P99, s.Max);
    }

    public static DescribeClusterResponse DescribeCluster(ClusterDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var groups = description.SchemaVersions
            .Select(kv => new SchemaVersionGroup(
                kv.Key == ClusterQueries.NoSchema ? string.Empty : kv.Key,
                kv.Value.Select(e => e.ToString()).ToList()))
            .ToList();
        var configs = description.ConfigVersions
            .Select(g => new ConfigVersionGroup(g.Fingerprint, [.. g.Endpoints.Select(e => e.ToString())], g.DiffersIn))
            .ToList();
        return new DescribeClusterResponse(
            description.ClusterName,
            groups,
            description.Unreachable.Select(e => e.ToString()).ToList(),
            groups.Count > 1,
            configs,
            configs.Count > 1);
    }
}
