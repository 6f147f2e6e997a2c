using System.Text.Json;
using GossipActors.AdminClient.Checks;
using GossipActors.AdminClient.Contract;
using Xunit;

namespace GossipActors.Cli.Tests;

/// <summary><c>gossipctl check</c> against fake admin answers: each rule, its exit code, its options and its JSON.</summary>
public sealed class CheckCommandTests : IAsyncLifetime
{
    private const string Converged = """{ "joined": true, "converged": true, "detail": "joined; all 5 member peers are UP" }""";
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAdminServer.StartAsync();
        _server.Answer("GET", "/health", 200, Converged);
        _server.Answer("GET", "/status", 200, Status(0.1, 0.2, 0.3, 0.4, 0.5));
        _server.Answer("GET", "/failuredetector", 200, Detector(backlogMs: 12, thresholdMs: 1000));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_healthy_node_exits_0_and_says_why_each_rule_passed()
    {
        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """
            check 127.0.0.1:7000: healthy
              phi        ok      0 of 5 live peers (0 %) have phi above 7.5; at most 20 % may
              backlog    ok      the gossip stage is 12 ms behind; at most 1000 ms may be
              converged  ok      joined; all 5 member peers are UP
              config     ok      every reachable node gossips this node's cluster-wide settings
              clock      ok      the 0 peers measured are within 50 ms of this node's clock (largest 0 ms)

            """,
            result.Output.ReplaceLineEndings("\n"));
        Assert.Empty(result.Error);
        Assert.DoesNotContain(_server.Requests, r => r.Method != "GET");
    }

    [Fact]
    public async Task More_than_20_percent_of_live_peers_above_7_5_fails_the_phi_rule_with_exit_65()
    {
        // 2 of 5 live peers (40 %); the DOWN and LEFT peers are not live and do not count, however high their phi.
        _server.Answer("GET", "/status", 200, Status(9.1, 0.2, double.NaN, 0.4, 0.5));

        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.Equal(65, result.ExitCode);
        Assert.Contains("FAILED (phi)", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 of 5 live peers (40 %) have phi above 7.5 (10.0.0.1:7000 phi 9.10, 10.0.0.3:7000 phi NaN)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exactly_20_percent_passes_and_the_thresholds_are_options()
    {
        _server.Answer("GET", "/status", 200, Status(9.1, 0.2, 0.3, 0.4, 0.5));
        Assert.Equal(0, (await Gossipctl.RunAsync("check", "--admin", _server.Address)).ExitCode);

        _server.Answer("GET", "/status", 200, Status(9.1, 8.2, 0.3, 0.4, 0.5));
        Assert.Equal(65, (await Gossipctl.RunAsync("check", "--admin", _server.Address)).ExitCode);
        Assert.Equal(0, (await Gossipctl.RunAsync("check", "--max-suspicious-percent", "40", "--admin", _server.Address)).ExitCode);
        Assert.Equal(0, (await Gossipctl.RunAsync("check", "--phi", "9.5", "--admin", _server.Address)).ExitCode);
        Assert.Equal(65, (await Gossipctl.RunAsync("check", "--phi", "5", "--max-suspicious-percent", "20", "--admin", _server.Address)).ExitCode);
    }

    [Fact]
    public async Task A_backlogged_gossip_stage_fails_with_exit_66_against_the_nodes_own_threshold_or_the_option()
    {
        _server.Answer("GET", "/failuredetector", 200, Detector(backlogMs: 2500, thresholdMs: 1000));

        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.Equal(66, result.ExitCode);
        Assert.Contains("backlog    FAILED  the gossip stage is 2500 ms behind; at most 1000 ms may be, so its failure detector is not judging peers", result.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await Gossipctl.RunAsync("check", "--max-backlog-ms", "3000", "--admin", _server.Address)).ExitCode);
    }

    [Fact]
    public async Task A_node_that_is_not_converged_fails_with_exit_68_and_its_own_explanation()
    {
        _server.Answer("GET", "/health", 503, FakeAdminServer.Fixture("health"));

        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.Equal(68, result.ExitCode);
        Assert.Contains("converged  FAILED  1 of 3 member peers is DOWN: 127.0.0.1:7004 (1 left)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nodes_with_different_cluster_wide_settings_fail_the_config_rule_with_exit_72()
    {
        _server.Answer("GET", "/describecluster", 200, """
            { "clusterName": "c", "schemaVersions": [], "unreachable": [], "disagreement": false,
              "configVersions": [
                { "fingerprint": "aaaa1111", "endpoints": ["127.0.0.1:7000", "10.0.0.1:7000"], "differsIn": [] },
                { "fingerprint": "bbbb2222", "endpoints": ["10.0.0.2:7000"], "differsIn": ["gossip.fanout", "remote.compression"] } ],
              "configDrift": true }
            """);

        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.Equal(72, result.ExitCode);
        Assert.Contains("config     FAILED  reachable nodes run with 2 different sets of cluster-wide settings; differing: gossip.fanout, remote.compression", result.Output, StringComparison.Ordinal);
        var json = await Gossipctl.RunAsync("check", "--json", "--admin", _server.Address);
        var report = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.CheckReport)!;
        Assert.Equal(["config"], report.Failed);
        Assert.Equal(2, report.Config.Fingerprints);
        Assert.Equal(["gossip.fanout", "remote.compression"], report.Config.DifferingSettings);
    }

    [Fact]
    public async Task A_peer_clock_beyond_the_nodes_clock_skew_warning_fails_with_exit_80_and_the_limit_is_an_option()
    {
        _server.Answer("GET", "/failuredetector", 200, Detector(12, 1000, ("10.0.0.1:7000", 30, 4), ("10.0.0.2:7000", -120, 6), ("10.0.0.3:7000", null, null)));

        var result = await Gossipctl.RunAsync("check", "--admin", _server.Address);

        Assert.Equal(80, result.ExitCode);
        Assert.Contains("FAILED (clock)", result.Output, StringComparison.Ordinal);
        Assert.Contains("clock      FAILED  1 of 2 peers' clocks are further than 50 ms from this node's: 10.0.0.2:7000 -120 ms (±3)", result.Output, StringComparison.Ordinal);
        var json = await Gossipctl.RunAsync("check", "--json", "--admin", _server.Address);
        var report = JsonSerializer.Deserialize(json.Output, AdminJsonContext.Default.CheckReport)!;
        Assert.Equal(["clock"], report.Failed);
        Assert.Equal((50L, 2, 120L), (report.Clock.MaxClockSkewMs, report.Clock.MeasuredPeers, report.Clock.LargestSkewMs));
        Assert.Equal([new SkewedPeer("10.0.0.2:7000", -120, 6)], report.Clock.SkewedPeers);

        Assert.Equal(0, (await Gossipctl.RunAsync("check", "--max-clock-skew-ms", "120", "--admin", _server.Address)).ExitCode);
        Assert.Equal(80, (await Gossipctl.RunAsync("check", "--max-clock-skew-ms", "20", "--admin", _server.Address)).ExitCode);
        var negative = await Gossipctl.RunAsync("check", "--max-clock-skew-ms", "-5", "--admin", _server.Address);
        Assert.Equal(2, negative.ExitCode);
        Assert.Contains("--max-clock-skew-ms must not be negative", negative.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_failed_rule_adds_its_bit_and_json_gives_every_figure()
    {
        _server.Answer("GET", "/status", 200, Status(9.1, 8.2, 0.3, 0.4, 0.5));
        _server.Answer("GET", "/failuredetector", 200, Detector(backlogMs: 2500, thresholdMs: 1000));
        _server.Answer("GET", "/health", 503, FakeAdminServer.Fixture("health"));

        var result = await Gossipctl.RunAsync("check", "--json", "--admin", _server.Address);

        Assert.Equal(71, result.ExitCode);
        var report = JsonSerializer.Deserialize(result.Output, AdminJsonContext.Default.CheckReport)!;
        Assert.False(report.Healthy);
        Assert.Equal(["phi", "backlog", "converged"], report.Failed);
        Assert.Equal((5, 40d, 7.5, 20d), (report.Phi.LivePeers, report.Phi.SuspiciousPercent, report.Phi.SuspicionPhi, report.Phi.MaxSuspiciousPercent));
        Assert.Equal(["10.0.0.1:7000", "10.0.0.2:7000"], report.Phi.SuspiciousPeers.Select(p => p.Address));
        Assert.Equal((2500L, 1000L), (report.Backlog.GossipBacklogMs, report.Backlog.MaxBacklogMs));
        Assert.Equal((true, false), (report.Converged.Joined, report.Converged.Converged));
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(9.1, document.RootElement.GetProperty("phi").GetProperty("suspiciousPeers")[0].GetProperty("phi").GetDouble());
    }

    [Fact]
    public async Task A_negative_threshold_is_a_usage_error_and_nothing_is_asked()
    {
        var result = await Gossipctl.RunAsync("check", "--max-backlog-ms", "-1", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--max-backlog-ms must not be negative", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task An_unreachable_node_is_exit_1_not_a_failed_rule()
    {
        var result = await Gossipctl.RunAsync("check", "--admin", "127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.StartsWith("gossipctl: cannot reach admin endpoint 127.0.0.1:1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void No_live_peers_is_stable_and_an_unknown_phi_is_suspicious()
    {
        var alone = JsonSerializer.Deserialize(Status(), AdminJsonContext.Default.StatusResponse)!;
        var detector = JsonSerializer.Deserialize(Detector(0, 1000), AdminJsonContext.Default.FailureDetectorResponse)!;
        var health = JsonSerializer.Deserialize(Converged, AdminJsonContext.Default.HealthResponse)!;
        var thresholds = new CheckThresholds(7.5, 20, null);

        var cluster = JsonSerializer.Deserialize(FakeAdminServer.Fixture("describecluster"), AdminJsonContext.Default.DescribeClusterResponse)!;
        var report = NodeCheck.Evaluate(alone, detector, health, cluster, thresholds);
        Assert.True(report.Healthy);
        Assert.StartsWith("no other live peers", report.Phi.Detail, StringComparison.Ordinal);

        var unknown = JsonSerializer.Deserialize(Status(null, 0.1, 0.1, 0.1), AdminJsonContext.Default.StatusResponse)!;
        var verdict = NodeCheck.Evaluate(unknown, detector, health, cluster, thresholds);
        Assert.Equal(["phi"], verdict.Failed);
        Assert.Null(Assert.Single(verdict.Phi.SuspiciousPeers).Phi);
    }

    /// <summary>This node, one live peer per phi (10.0.0.N), and a DOWN and a LEFT peer with infinite phi.</summary>
    private static string Status(params double?[] phis)
    {
        var peers = phis.Select((phi, i) => Peer($"10.0.0.{i + 1}:7000", "UP", "NORMAL", phi));
        var endpoints = new[] { """{ "address": "127.0.0.1:7000", "status": "UP", "state": "NORMAL", "dc": "dc1", "rack": "r1", "hostId": "", "loadBytes": null, "phi": null, "generation": 1, "heartbeatVersion": 1, "isLocal": true }""" }
            .Concat(peers)
            .Append(Peer("10.0.1.1:7000", "DOWN", "NORMAL", double.PositiveInfinity))
            .Append(Peer("10.0.1.2:7000", "UP", "LEFT", double.PositiveInfinity));
        return $$"""{ "clusterName": "c", "localEndpoint": "127.0.0.1:7000", "endpoints": [{{string.Join(",", endpoints)}}] }""";
    }

    private static string Peer(string address, string status, string state, double? phi)
    {
        var value = phi switch
        {
            null => "null",
            { } p when double.IsNaN(p) => "\"NaN\"",
            { } p when double.IsPositiveInfinity(p) => "\"Infinity\"",
            { } p => p.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return $$"""{ "address": "{{address}}", "status": "{{status}}", "state": "{{state}}", "dc": "dc1", "rack": "r1", "hostId": "", "loadBytes": null, "phi": {{value}}, "generation": 1, "heartbeatVersion": 1, "isLocal": false }""";
    }

    /// <param name="skews">Peers with their clock skew and its round trip (null: not measured yet).</param>
    private static string Detector(long backlogMs, long thresholdMs, params (string Address, long? SkewMs, long? RoundTripMs)[] skews)
    {
        var endpoints = skews.Select(s => $$"""
            { "address": "{{s.Address}}", "status": "UP", "phi": 0.1, "meanIntervalMs": 500, "sampleCount": 10, "lastHeartbeatAgeMs": 100,
              "transitionsLast10Min": 0, "flapping": false, "clockSkewMs": {{Json(s.SkewMs)}}, "clockSkewRoundTripMs": {{Json(s.RoundTripMs)}} }
            """);
        return $$"""{ "phiConvictThreshold": 8, "model": "normal", "endpoints": [{{string.Join(",", endpoints)}}], "gossipBacklogMs": {{backlogMs}}, "backlogThresholdMs": {{thresholdMs}}, "clockSkewWarningMs": 50 }""";
    }

    private static string Json(long? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null";
}
