using System.Text.RegularExpressions;
using GossipActors.Cli;
using System.Text.Json;
using GossipActors.AdminClient.Contract;
using GossipActors.Cli.Commands;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Every gossipctl command, in text and JSON, against live in-process nodes over real HTTP and TCP.</summary>
public sealed class GossipctlAgainstLiveNodeTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>
{
    [Fact]
    public async Task Status_prints_the_nodetool_table_and_json_with_both_nodes_up()
    {
        var text = await Gossipctl("status", "--admin", cluster.Seed.AdminAddress);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"as seen by {cluster.Seed.GossipAddress}", text.Output, StringComparison.Ordinal);
        Assert.Contains("Datacenter: dc2", text.Output, StringComparison.Ordinal);
        Assert.Matches($@"UN\s+{cluster.Second.GossipAddress.Replace(".", "\\.", StringComparison.Ordinal)}", text.Output);

        var json = await Gossipctl("status", "--json", "--admin", cluster.Seed.AdminAddress);
        var status = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.StatusResponse)!;
        Assert.Equal("hosting-tests", status.ClusterName);
        Assert.Equal(2, status.Endpoints.Count);
        var second = status.Endpoints.Single(e => e.Address == cluster.Second.GossipAddress);
        Assert.Equal(("dc2", "r7", Liveness.Up), (second.Dc, second.Rack, second.Status));
        Assert.NotNull(second.Phi);
        Assert.Null(status.Endpoints.Single(e => e.IsLocal).Phi);

        // LOAD is published by the node itself (data directory + own state values) and printed like nodetool.
        Assert.True(status.Endpoints.Single(e => e.IsLocal).LoadBytes > 0);
        Assert.Matches($@"UN\s+{cluster.Seed.GossipAddress.Replace(".", "\\.", StringComparison.Ordinal)}\s+\d+(\.\d\d)? (B|KiB|MiB)\s", text.Output);
    }

    [Fact]
    public async Task Gossipinfo_prints_every_application_state_including_application_defined_ones()
    {
        var text = await Gossipctl("gossipinfo", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"/{cluster.Seed.GossipAddress}", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"zone:\d+:blue", text.Output);

        var json = await Gossipctl("gossipinfo", "--json", "--admin", cluster.Second.AdminAddress);
        var info = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.GossipInfoResponse)!;
        var seed = info.Endpoints.Single(e => e.Address == cluster.Seed.GossipAddress);
        Assert.Contains(seed.ApplicationStates, s => s is { Name: "zone", Value: "blue" });
        Assert.Contains(seed.ApplicationStates, s => s is { Name: "STATUS", Value: "NORMAL" });
    }

    [Fact]
    public async Task Failuredetector_lists_the_peer_with_its_phi_and_threshold()
    {
        var text = await Gossipctl("failuredetector", "--admin", cluster.Seed.AdminAddress);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("normal model", text.Output, StringComparison.Ordinal);
        Assert.Contains(cluster.Second.GossipAddress, text.Output, StringComparison.Ordinal);

        var json = await Gossipctl("failuredetector", "--json", "--admin", cluster.Seed.AdminAddress);
        var detector = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.FailureDetectorResponse)!;
        var peer = Assert.Single(detector.Endpoints);
        Assert.Equal(cluster.Second.GossipAddress, peer.Address);
        Assert.True(peer.Phi >= 0 && peer.Phi < 7.5, $"phi {peer.Phi}");
    }

    [Fact]
    public async Task Describecluster_groups_nodes_by_schema_and_flags_the_disagreement()
    {
        var json = await Gossipctl("describecluster", "--json", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(0, json.ExitCode);
        var described = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.DescribeClusterResponse)!;
        Assert.Equal("hosting-tests", described.ClusterName);
        Assert.True(described.Disagreement, "the seed publishes SCHEMA v1, the second none");
        Assert.Contains(described.SchemaVersions, g => g.Version == "v1" && g.Endpoints.SequenceEqual([cluster.Seed.GossipAddress]));

        var text = await Gossipctl("describecluster", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("v1", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tpstats_reports_the_gossip_actor_groups()
    {
        var json = await Gossipctl("tpstats", "--json", "--admin", cluster.Seed.AdminAddress);
        Assert.Equal(0, json.ExitCode);
        var stats = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.TpStatsResponse)!;
        var endpoints = stats.Groups.Single(g => g.Group == "gossip/endpoints");
        Assert.True(endpoints.Actors >= 2 && endpoints.Processed > 0, endpoints.ToString());
        Assert.Contains(stats.Groups, g => g.Group == "gossip/failure-detector");
        // Gossip travels on the transport's own gossip links: a peer's link shows as an inbound connection actor.
        Assert.Contains(stats.Groups, g => g.Group == "gossip-transport/inbound" && g.Actors >= 1);
        Assert.Equal("gossip/rounds", cluster.Seed.Runtime.RoundsGroup);
        var rounds = stats.Groups.Single(g => g.Group == "gossip/rounds");
        Assert.True(rounds.Dropped >= 0 && rounds.Dropped <= cluster.Seed.Runtime.DroppedFor("gossip/rounds"), rounds.ToString());

        var text = await Gossipctl("tpstats", "--admin", cluster.Seed.AdminAddress);
        Assert.Contains("gossip/endpoints", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setphi_needs_confirm_refuses_out_of_range_and_applies_in_memory()
    {
        var unconfirmed = await Gossipctl("setphi", "10", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(ExitCodes.Usage, unconfirmed.ExitCode);

        var outOfRange = await Gossipctl("setphi", "20", "--confirm", "--admin", cluster.Second.AdminAddress);
        Assert.NotEqual(0, outOfRange.ExitCode);
        Assert.Contains("phi-convict-threshold", outOfRange.Error, StringComparison.Ordinal);

        var applied = await Gossipctl("setphi", "10", "--confirm", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(0, applied.ExitCode);
        var detector = await cluster.Second.Admin.GetFailureDetectorAsync();
        Assert.Equal(10, detector.PhiConvictThreshold);

        var restore = await Gossipctl("setphi", "8", "--confirm", "--admin", cluster.Second.AdminAddress);
        Assert.Equal(0, restore.ExitCode);
        Assert.Contains("memory", restore.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Assassinate_of_an_unknown_endpoint_is_a_404_and_the_node_refuses_without_confirm()
    {
        var unknown = await Gossipctl("assassinate", "127.0.0.1:1", "--confirm", "--admin", cluster.Seed.AdminAddress);
        Assert.Equal(ExitCodes.AdminError, unknown.ExitCode);
        Assert.Contains("404", unknown.Error, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<AdminClient.AdminClientException>(
            () => cluster.Seed.Admin.AssassinateAsync(cluster.Second.GossipAddress, confirm: false, force: false));
        Assert.Equal(400, error.HttpStatus);
    }

    [Fact]
    public async Task Unreachable_admin_endpoint_is_one_line_and_exit_1()
    {
        var result = await Gossipctl("status", "--admin", $"127.0.0.1:{FreePorts.Next()}");
        Assert.Equal(ExitCodes.AdminError, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Metrics_are_prometheus_text_with_phi_rounds_and_traffic()
    {
        // The cluster fixture only waits for membership; a completed round may still be in flight then.
        var metrics = await Eventually.ValueAsync(
            () => cluster.Seed.Admin.GetMetricsAsync(),
            m => Regex.IsMatch(m, @"gossipactors_rounds_total [1-9]") && Regex.IsMatch(m, @"gossipactors_round_latency_seconds_count [1-9]"),
            "the seed completing a gossip round");
        Assert.Contains($"gossipactors_phi{{endpoint=\"{cluster.Second.GossipAddress}\"}}", metrics, StringComparison.Ordinal);
        Assert.Matches(@"gossipactors_rounds_total [1-9]", metrics);
        Assert.Matches(@"gossipactors_round_latency_seconds_count [1-9]", metrics);
        Assert.Matches(@"gossipactors_transport_bytes_total\{direction=""out""\} [1-9]", metrics);
        Assert.Matches(@"gossipactors_transport_frames_total\{direction=""in""\} [1-9]", metrics);
        Assert.Contains("gossipactors_transport_reconnects_total", metrics, StringComparison.Ordinal);
        Assert.Contains("gossipactors_transport_black_hole_findings_total 0", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE gossipactors_round_latency_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^gossipactors_gossip_exchanges_replaced_total \d+$", metrics);
    }

    [Fact]
    public async Task Check_passes_on_a_converged_node_and_its_json_carries_the_live_figures()
    {
        // A busy test machine can hold the gossip stage back for a moment; the node is healthy once that passes.
        var run = await Eventually.ValueAsync(
            () => Gossipctl("check", "--json", "--admin", cluster.Seed.AdminAddress),
            r => r.ExitCode == 0,
            "gossipctl check passing on the seed");

        var report = JsonSerializer.Deserialize(run.Output, AdminJsonContext.Default.CheckReport)!;
        Assert.True(report.Healthy, run.Output);
        Assert.Equal(cluster.Seed.GossipAddress, report.Node);
        Assert.Equal(1, report.Phi.LivePeers);
        Assert.Equal(1000, report.Backlog.MaxBacklogMs);
        Assert.True(report.Converged.Joined && report.Converged.Converged, report.Converged.Detail);

        var text = await Gossipctl("check", "--admin", cluster.Seed.AdminAddress);
        Assert.StartsWith($"check {cluster.Seed.GossipAddress}: ", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_describes_the_answering_node_with_its_memory_and_uptime()
    {
        var json = await Gossipctl("info", "--json", "--admin", cluster.Second.AdminAddress);
        Assert.True(json.ExitCode == 0, json.Error);
        var info = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.InfoResponse)!;
        var node = cluster.Second.Runtime.Node;
        Assert.Equal((cluster.Second.GossipAddress, "hosting-tests", node.HostId.ToString(), node.Generation), (info.Address, info.ClusterName, info.HostId, info.Generation));
        Assert.Equal(("dc2", "r7"), (info.Dc, info.Rack));
        Assert.InRange(info.UptimeMs, 0, (long)TimeSpan.FromMinutes(10).TotalMilliseconds);
        Assert.True(info.StartedAt <= DateTimeOffset.UtcNow);
        Assert.True(info.HeapUsedBytes > 0 && info.RssBytes > info.HeapUsedBytes, json.Output);
        Assert.Equal(8, info.PhiConvictThreshold);
        Assert.True(info.Joined, info.HealthDetail);

        var text = await Gossipctl("info", "--admin", cluster.Second.AdminAddress);
        Assert.Contains($"Address               : {cluster.Second.GossipAddress}", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"RSS\s+: \d+(\.\d\d)? (KiB|MiB|GiB)", text.Output);
    }

    [Fact]
    public async Task Histograms_show_percentiles_of_live_rounds_and_message_handling()
    {
        // A running pair exchanges every kind but shutdowns (and echoes only while a peer comes UP).
        string[] steady = ["round", "syn-ack", "syn-processing", "ack-processing", "ack2-processing", "heartbeat-processing", "heartbeat-transit"];
        var run = await Eventually.ValueAsync(
            () => Gossipctl("histograms", "--json", "--admin", cluster.Seed.AdminAddress),
            r => r.ExitCode == 0 && JsonSerializer.Deserialize(r.Output, AdminJsonContext.Default.HistogramsResponse)!.Histograms.Where(h => steady.Contains(h.Name)).All(h => h.Count > 0),
            "every steady-state latency window of the seed holding a value");

        var histograms = JsonSerializer.Deserialize(run.Output, AdminJsonContext.Default.HistogramsResponse)!;
        Assert.Equal(300_000, histograms.WindowMs);
        Assert.Equal(
            ["round", "syn-ack", "syn-processing", "ack-processing", "ack2-processing", "heartbeat-processing", "echo-processing", "shutdown-processing", "heartbeat-transit"],
            histograms.Histograms.Select(h => h.Name));
        Assert.All(histograms.Histograms.Where(h => h.Count > 0), h => Assert.True(h.P50Ms <= h.P99Ms && h.P99Ms <= h.MaxMs && h.P50Ms >= 0, h.ToString()));
        Assert.Equal(0, histograms.Histograms.Single(h => h.Name == "shutdown-processing").Count);
        // Both nodes run in this process on one clock, over loopback: a heartbeat's transit is well under a second.
        Assert.True(histograms.Histograms.Single(h => h.Name == "heartbeat-transit").P50Ms < 1_000, run.Output);
        var round = histograms.Histograms[0];
        var synAck = histograms.Histograms[1];
        // The two windows hold different rounds (an idle round sends no ACK2, so it never ends a "round" sample), so
        // their percentiles cannot be compared; but every round that sent its ACK2 had its ACK first.
        Assert.True(round.Count <= synAck.Count, $"{round} / {synAck}");

        var text = await Gossipctl("histograms", "--admin", cluster.Seed.AdminAddress);
        Assert.StartsWith("Gossip latencies over the last 5 min (milliseconds)", text.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^round\s+\d+\s+\d+\.\d\d", text.Output);
    }

    private static async Task<CliRun> Gossipctl(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(15) });
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, options);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private sealed record CliRun(int ExitCode, string Output, string Error);
}
