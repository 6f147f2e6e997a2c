using GossipActors.Protocol.Clock;
using GossipActors.Remote;

namespace GossipActors.Hosting.Metrics;

/// <summary>
/// The runtime's metrics, defined once. <see cref="GossipMeter"/> publishes them through System.Diagnostics.Metrics
/// (meter <see cref="MeterName"/>: OpenTelemetry, dotnet-counters) and <see cref="Admin.PrometheusText"/> renders the
/// same definitions as /metrics. docs/hosting.md lists them.
/// </summary>
public static class GossipMetrics
{
    /// <summary>The one Meter of the runtime; each node's instance carries the tag <c>gossipactors.node</c> (HOST:PORT).</summary>
    public const string MeterName = "GossipActors";

    public const string RoundLatency = "gossipactors.round_latency";

    public static IReadOnlyList<MetricDefinition> All { get; } =
    [
        Gauge("gossipactors.phi", null, "Current phi of each peer as this node's failure detector reports it.", r =>
            r.Detector.Endpoints.OrderBy(s => s.Endpoint).Select(s => MetricSample.Of(s.Phi, "endpoint", s.Endpoint.ToString()))),
        Gauge("gossipactors.phi_convict_threshold", null, "Phi above which a peer is convicted DOWN (may have been changed at run time).", r =>
            [MetricSample.Of(r.Detector.PhiConvictThreshold)]),
        Gauge("gossipactors.members", null, "Known endpoints (self included): up, down (members not UP), gone (left or shut down cleanly).", r =>
            [MetricSample.Of(r.MembersUp, "status", "up"), MetricSample.Of(r.MembersDown, "status", "down"), MetricSample.Of(r.MembersGone, "status", "gone")]),
        Gauge("gossipactors.joined", null, "1 when this node has joined the cluster and not left it, else 0 (as /health).", r =>
            [MetricSample.Of(r.Joined ? 1 : 0)]),
        Gauge("gossipactors.converged", null, "1 when this node has joined and every member peer is UP, else 0 (as /health).", r =>
            [MetricSample.Of(r.Joined && r.Converged ? 1 : 0)]),
        Gauge("gossipactors.config_drift", null, "1 when reachable nodes gossip different fingerprints of their cluster-wide settings, else 0 (as /describecluster).", r =>
            [MetricSample.Of(r.ConfigDrift ? 1 : 0)]),
        Gauge("gossipactors.clock_skew", "s", "Each peer's clock minus this node's (positive: the peer is ahead), estimated from gossip exchanges; right to within half of gossipactors.clock_skew_round_trip.", r =>
            PerPeerClock(r, e => e.SkewMs)),
        Gauge("gossipactors.clock_skew_round_trip", "s", "The round trip each peer's clock-skew estimate was measured over.", r =>
            PerPeerClock(r, e => e.RoundTripMs)),
        Gauge("gossipactors.clock_skew_warning", "s", "|clock skew| above which this node warns about a peer (gossip.clock-skew-warning).", r =>
            [MetricSample.Of(r.Detector.ClockSkewWarningMs / 1000.0)]),
        Gauge("gossipactors.gossip.backlog", "s", "How far behind the gossip stage is, as the failure detector measured it last.", r =>
            [MetricSample.Of(r.Detector.GossipBacklogMs / 1000.0)]),
        Gauge("gossipactors.gossip.backlog_threshold", "s", "Backlog above which the failure detector skips its evaluations (gossip.failure-detector.backlog-threshold).", r =>
            [MetricSample.Of(r.Detector.BacklogThreshold.TotalSeconds)]),
        Counter("gossipactors.convictions", null, "Peers this node's failure detector convicted DOWN.", r => r.Runtime.Convictions),
        Counter("gossipactors.rounds", null, "Gossip rounds begun (SYNs sent, shadow-round probes included).", r => r.Runtime.Rounds.Rounds),
        Counter("gossipactors.gossip.exchanges_replaced", null, "SYNs dropped unsent because a newer one replaced them while the peer was busy.", r => r.Runtime.Node.ExchangesReplaced),
        new(RoundLatency, MetricKind.Histogram, "s", "Time from a SYN leaving to the peer's ACK arriving.", null),
        Directional("gossipactors.transport.bytes", "By", "Bytes written to and read from gossip connections.", r => (r.Runtime.Counters.BytesReceived, r.Runtime.Counters.BytesSent)),
        Directional("gossipactors.transport.frames", null, "Frames written to and read from gossip connections.", r => (r.Runtime.Counters.FramesReceived, r.Runtime.Counters.FramesSent)),
        Directional("gossipactors.transport.messages", null, "Gossip messages sent and received.", r => (r.Runtime.Counters.MessagesReceived, r.Runtime.Counters.MessagesSent)),
        Directional("gossipactors.transport.datagrams", null, "Heartbeats and watches sent and received as UDP datagrams (remote.heartbeat-datagrams).", r => (r.Runtime.Counters.DatagramsReceived, r.Runtime.Counters.DatagramsSent)),
        Counter("gossipactors.transport.refused_datagrams", null, "Datagrams dropped at the heartbeat port: malformed, oversized or another cluster's.", r => r.Runtime.Counters.DatagramsRefused),
        Counter("gossipactors.transport.connections_opened", null, "Outbound connections established.", r => r.Runtime.Counters.ConnectionsOpened),
        Counter("gossipactors.transport.reconnects", null, "Dials made after an established connection was lost.", r => r.Runtime.Counters.Reconnects),
        Counter("gossipactors.transport.dial_failures", null, "Dials that failed (refused, timed out, handshake rejected).", r => r.Runtime.Counters.DialFailures),
        Counter("gossipactors.transport.black_hole_findings", null, "Connections where large writes stalled while small ones passed (path MTU black hole).", r => r.Runtime.Counters.BlackHoleFindings),
        Counter("gossipactors.transport.mtu_discoveries", null, "Path MTUs found by discovery after a black hole.", r => r.Runtime.Counters.MtuDiscoveries),
        Counter("gossipactors.transport.malformed_inputs", null, "Connections closed for malformed input (process-wide).", _ => RemoteCounters.MalformedInputs),
        Counter("gossipactors.transport.refused_connections", null, "Connections refused at the handshake or TLS stage (process-wide).", _ => RemoteCounters.RefusedConnections),
        Counter("gossipactors.transport.stalled_messages", null, "Connections closed over remote.message-progress-timeout (process-wide).", _ => RemoteCounters.StalledMessages),
        Counter("gossipactors.transport.flood_memory_releases", null, "Full collections run after a flood of hostile connections ended (process-wide).", _ => RemoteCounters.FloodMemoryReleases),
        Counter("gossipactors.dead_letters", null, "Messages sent to stopped or unknown actors.", r => r.Runtime.DeadLetterCount),
    ];

    private static IEnumerable<MetricSample> PerPeerClock(MetricReading reading, Func<ClockSkewEstimate, long> milliseconds) =>
        reading.Detector.Endpoints
            .Where(s => s.ClockSkew is not null)
            .OrderBy(s => s.Endpoint)
            .Select(s => MetricSample.Of(milliseconds(s.ClockSkew!.Value) / 1000.0, "endpoint", s.Endpoint.ToString()));

    private static MetricDefinition Gauge(string name, string? unit, string description, Func<MetricReading, IEnumerable<MetricSample>> read) =>
        new(name, MetricKind.Gauge, unit, description, read);

    private static MetricDefinition Counter(string name, string? unit, string description, Func<MetricReading, double> read) =>
        new(name, MetricKind.Counter, unit, description, r => [MetricSample.Of(read(r))]);

    private static MetricDefinition Directional(string name, string? unit, string description, Func<MetricReading, (double In, double Out)> read) =>
        new(name, MetricKind.Counter, unit, description, r =>
        {
            var (inbound, outbound) = read(r);
            return [MetricSample.Of(inbound, "direction", "in"), MetricSample.Of(outbound, "direction", "out")];
        });
}
