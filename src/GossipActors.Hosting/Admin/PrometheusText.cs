using System.Globalization;
using System.Text;
using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Runtime;
using GossipActors.Remote;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// <c>/metrics</c> in the Prometheus text exposition format 0.0.4. Every name starts with <c>gossipactors_</c>;
/// the list is in docs/hosting.md.
/// </summary>
public static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <param name="runtime">The node (counters, rounds, transport).</param>
    /// <param name="failureDetector">The detector's report: peers' phi and the threshold in force, read from the detector itself.</param>
    /// <param name="membersUp">Endpoints UP, self included.</param>
    /// <param name="membersDown">Member endpoints not UP: the ones to alert on.</param>
    /// <param name="membersGone">Endpoints not UP whose STATUS says they are gone (left, removed, shut down cleanly).</param>
    public static string Render(GossipActorsRuntime runtime, FailureDetectorReport failureDetector, int membersUp, int membersDown, int membersGone)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(failureDetector);
        var text = new StringBuilder();
        Header(text, "gossipactors_phi", "gauge", "Current phi of each peer as this node's failure detector reports it.");
        foreach (var snapshot in failureDetector.Endpoints.OrderBy(s => s.Endpoint))
        {
            Sample(text, "gossipactors_phi", snapshot.Phi, ("endpoint", snapshot.Endpoint.ToString()));
        }

        Single(text, "gossipactors_phi_convict_threshold", "gauge", "Phi above which a peer is convicted DOWN (may have been changed at run time).", failureDetector.PhiConvictThreshold);
        Header(text, "gossipactors_members", "gauge", "Known endpoints (self included): up, down (members not UP), gone (left or shut down cleanly).");
        Sample(text, "gossipactors_members", membersUp, ("status", "up"));
        Sample(text, "gossipactors_members", membersDown, ("status", "down"));
        Sample(text, "gossipactors_members", membersGone, ("status", "gone"));
        Single(text, "gossipactors_convictions_total", "counter", "Peers this node's failure detector convicted DOWN.", runtime.Convictions);
        Single(text, "gossipactors_rounds_total", "counter", "Gossip rounds begun (SYNs sent, shadow-round probes included).", runtime.Rounds.Rounds);
        Single(text, "gossipactors_gossip_exchanges_replaced_total", "counter", "SYNs dropped unsent because a newer one replaced them while the peer was busy.", runtime.Node.ExchangesReplaced);

        var (cumulative, sum, count) = runtime.Rounds.Histogram();
        Header(text, "gossipactors_round_latency_seconds", "histogram", "Time from a SYN leaving to the peer's ACK arriving.");
        for (var i = 0; i < RoundMetrics.BucketBounds.Length; i++)
        {
            Sample(text, "gossipactors_round_latency_seconds_bucket", cumulative[i], ("le", RoundMetrics.BucketBounds[i].ToString(CultureInfo.InvariantCulture)));
        }

        Sample(text, "gossipactors_round_latency_seconds_bucket", count, ("le", "+Inf"));
        Sample(text, "gossipactors_round_latency_seconds_sum", sum);
        Sample(text, "gossipactors_round_latency_seconds_count", count);

        var counters = runtime.Counters;
        Header(text, "gossipactors_transport_bytes_total", "counter", "Bytes written to and read from gossip connections.");
        Sample(text, "gossipactors_transport_bytes_total", counters.BytesReceived, ("direction", "in"));
        Sample(text, "gossipactors_transport_bytes_total", counters.BytesSent, ("direction", "out"));
        Header(text, "gossipactors_transport_frames_total", "counter", "Frames written to and read from gossip connections.");
        Sample(text, "gossipactors_transport_frames_total", counters.FramesReceived, ("direction", "in"));
        Sample(text, "gossipactors_transport_frames_total", counters.FramesSent, ("direction", "out"));
        Header(text, "gossipactors_transport_messages_total", "counter", "Gossip messages sent and received.");
        Sample(text, "gossipactors_transport_messages_total", counters.MessagesReceived, ("direction", "in"));
        Sample(text, "gossipactors_transport_messages_total", counters.MessagesSent, ("direction", "out"));
        Single(text, "gossipactors_transport_connections_opened_total", "counter", "Outbound connections established.", counters.ConnectionsOpened);
        Single(text, "gossipactors_transport_reconnects_total", "counter", "Dials made after an established connection was lost.", counters.Reconnects);
        Single(text, "gossipactors_transport_dial_failures_total", "counter", "Dials that failed (refused, timed out, handshake rejected).", counters.DialFailures);
        Single(text, "gossipactors_transport_black_hole_findings_total", "counter", "Connections where large writes stalled while small ones passed (path MTU black hole).", counters.BlackHoleFindings);
        Single(text, "gossipactors_transport_mtu_discoveries_total", "counter", "Path MTUs found by discovery after a black hole.", counters.MtuDiscoveries);
        Single(text, "gossipactors_transport_malformed_inputs_total", "counter", "Connections closed for malformed input (process-wide).", RemoteCounters.MalformedInputs);
        Single(text, "gossipactors_transport_refused_connections_total", "counter", "Connections refused at the handshake or TLS stage (process-wide).", RemoteCounters.RefusedConnections);
        Single(text, "gossipactors_transport_stalled_messages_total", "counter", "Connections closed over remote.message-progress-timeout (process-wide).", RemoteCounters.StalledMessages);
        Single(text, "gossipactors_transport_flood_memory_releases_total", "counter", "Full collections run after a flood of hostile connections ended (process-wide).", RemoteCounters.FloodMemoryReleases);
        Single(text, "gossipactors_dead_letters_total", "counter", "Messages sent to stopped or unknown actors.", runtime.DeadLetterCount);
        return text.ToString();
    }

    private static void Single(StringBuilder text, string name, string type, string help, double value)
    {
        Header(text, name, type, help);
        Sample(text, name, value);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{');
            text.AppendJoin(',', labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\""));
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
