using System.Text.Json;
using GossipActors.AdminClient.Contract;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class MutationCommandTests : IAsyncLifetime
{
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Setphi_with_confirm_posts_the_value_and_prints_the_nodes_account()
    {
        var result = await Gossipctl.RunAsync("setphi", "12", "--confirm", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("phi convict threshold changed from 8 to 12 (in memory only", result.Output, StringComparison.Ordinal);
        var sent = JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/setphi")).Body, AdminJsonContext.Default.SetPhiRequest);
        Assert.Equal(new SetPhiRequest(12, true), sent);
    }

    [Fact]
    public async Task Setphi_for_sends_the_window_and_prints_when_the_node_restores_the_threshold()
    {
        _server.Answer("POST", "/setphi", 200, """{"previous":8,"current":12,"persisted":false,"message":"gossip.failure-detector.phi-convict-threshold changed from 8 to 12 for 10 min: the node restores 8 at 2026-12-04T23:40:00.000Z by itself","warning":null,"restore":{"value":8,"at":"2026-12-04T23:40:00+00:00","inMs":600000}}""");

        var result = await Gossipctl.RunAsync("setphi", "12", "--for", "10m", "--confirm", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("gossip.failure-detector.phi-convict-threshold changed from 8 to 12 for 10 min: the node restores 8 at", result.Output, StringComparison.Ordinal);
        var sent = JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/setphi")).Body, AdminJsonContext.Default.SetPhiRequest);
        Assert.Equal(new SetPhiRequest(12, true, 600_000), sent);
    }

    [Fact]
    public async Task Setphi_json_prints_the_nodes_answer_with_the_restore()
    {
        _server.Answer("POST", "/setphi", 200, """{"previous":8,"current":12,"persisted":false,"message":"m","warning":null,"restore":{"value":8,"at":"2026-12-04T23:40:00+00:00","inMs":90000}}""");

        var result = await Gossipctl.RunAsync("setphi", "12", "--for", "90s", "--confirm", "--json", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        var answer = JsonSerializer.Deserialize(result.Output, AdminJsonContext.Default.SetPhiResponse)!;
        Assert.Equal((8d, 90_000L), (answer.Restore!.Value, answer.Restore.InMs));
        Assert.Equal(90_000, JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/setphi")).Body, AdminJsonContext.Default.SetPhiRequest)!.ForMs);
    }

    [Theory]
    [InlineData("10x", "'10x' is not a duration")]
    [InlineData("0s", "the window must be more than 0 and at most 7 days, not '0s'")]
    [InlineData("8d", "the window must be more than 0 and at most 7 days, not '8d'")]
    public async Task Setphi_for_with_a_bad_window_is_refused_before_sending(string window, string expected)
    {
        var result = await Gossipctl.RunAsync("setphi", "12", "--for", window, "--confirm", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"setphi --for: {expected}", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Setphi_prints_the_nodes_warning_on_stderr()
    {
        _server.Answer("POST", "/setphi", 200, """{"previous":8,"current":14,"persisted":false,"message":"changed from 8 to 14","warning":"above 12 delays detection of real failures"}""");

        var result = await Gossipctl.RunAsync("setphi", "14", "--confirm", "--admin", _server.Address);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("warning: above 12 delays detection of real failures\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Setphi_without_confirm_sends_nothing()
    {
        var result = await Gossipctl.RunAsync("setphi", "12", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"gossipctl: setphi 12 changes the live cluster through {_server.Address}; nothing was sent; repeat with --confirm to apply\n",
            result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [InlineData("4.9")]
    [InlineData("16.5")]
    public async Task Setphi_out_of_range_is_refused_before_sending(string value)
    {
        var result = await Gossipctl.RunAsync("setphi", value, "--confirm", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gossip.failure-detector.phi-convict-threshold", result.Error, StringComparison.Ordinal);
        Assert.Contains("5-16", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Setphi_refused_by_the_node_reports_its_error()
    {
        _server.Answer("POST", "/setphi", 400, """{"error":"confirm=true is required"}""");

        var result = await Gossipctl.RunAsync("setphi", "10", "--confirm", "--admin", _server.Address);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"gossipctl: admin endpoint {_server.Address} answered POST /setphi with 400 BadRequest: confirm=true is required\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Assassinate_posts_and_prints_what_the_node_published()
    {
        var result = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--confirm", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("assassinated 127.0.0.1:7004: published generation 1700000101 with STATUS LEFT\n", result.Output.ReplaceLineEndings("\n"));
        Assert.Empty(result.Error);
        var sent = JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/assassinate")).Body, AdminJsonContext.Default.AssassinateRequest);
        Assert.Equal(new AssassinateRequest("127.0.0.1:7004", true, false), sent);
    }

    [Fact]
    public async Task Assassinate_leaves_the_safety_rules_to_the_node_so_dead_peers_in_the_detector_do_not_refuse_a_cleanup()
    {
        // Two dead peers with high phi used to make gossipctl refuse every cleanup before asking the node.
        _server.Answer("GET", "/failuredetector", 200, DetectorWithDeadPeers());

        var result = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--confirm", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(_server.RequestsTo("POST", "/assassinate"));
        Assert.Empty(_server.RequestsTo("GET", "/failuredetector"));
    }

    [Fact]
    public async Task Assassinate_refused_by_a_node_rule_exits_3_and_prints_the_rule()
    {
        const string Refusal = "assassinate 127.0.0.1:7004 refused by the target-alive rule: 127.0.0.1:7004 is UP with phi 0.08 (at or below 7.5), so it is alive; stop or decommission it instead, or pass --force";
        _server.Answer("POST", "/assassinate", 409, $$"""{"error":"{{Refusal}}"}""");

        var result = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--confirm", "--admin", _server.Address);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            $"gossipctl: admin endpoint {_server.Address} answered POST /assassinate with 409 Conflict: {Refusal}\n",
            result.Error.ReplaceLineEndings("\n"));
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Assassinate_with_force_sends_force_and_warns_with_what_the_node_overrode()
    {
        _server.Answer("POST", "/assassinate", 200, """
            {"endpoint":"127.0.0.1:7004","generation":1700000101,"forced":true,
             "verdict":"forced past the target-alive rule: 127.0.0.1:7004 is UP with phi 0.08 (at or below 7.5), so it is alive"}
            """);

        var result = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--confirm", "--force", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            "warning: assassinate 127.0.0.1:7004 forced past the target-alive rule: 127.0.0.1:7004 is UP with phi 0.08 (at or below 7.5), so it is alive\n",
            result.Error.ReplaceLineEndings("\n"));
        Assert.StartsWith("assassinated 127.0.0.1:7004", result.Output, StringComparison.Ordinal);
        var sent = JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/assassinate")).Body, AdminJsonContext.Default.AssassinateRequest);
        Assert.True(sent!.Force);
    }

    [Fact]
    public async Task Assassinate_without_confirm_or_with_a_bad_endpoint_sends_nothing()
    {
        var noConfirm = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--admin", _server.Address);
        var badEndpoint = await Gossipctl.RunAsync("assassinate", "127.0.0.1:99999", "--confirm", "--admin", _server.Address);

        Assert.Equal(2, noConfirm.ExitCode);
        Assert.Contains("repeat with --confirm", noConfirm.Error, StringComparison.Ordinal);
        Assert.Equal(2, badEndpoint.ExitCode);
        Assert.Equal("gossipctl: assassinate: '127.0.0.1:99999' has an invalid port '99999'; expected 1-65535\n", badEndpoint.Error.ReplaceLineEndings("\n"));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Decommission_needs_confirm_and_reports_the_new_state()
    {
        var refused = await Gossipctl.RunAsync("decommission", "--admin", _server.Address);
        Assert.Equal(2, refused.ExitCode);
        Assert.Empty(_server.Requests);

        var result = await Gossipctl.RunAsync("decommission", "--confirm", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("127.0.0.1:7000 is LEAVING\n", result.Output.ReplaceLineEndings("\n"));
        var sent = JsonSerializer.Deserialize(Assert.Single(_server.RequestsTo("POST", "/decommission")).Body, AdminJsonContext.Default.DecommissionRequest);
        Assert.True(sent!.Confirm);
    }

    private static string DetectorWithDeadPeers() => JsonSerializer.Serialize(
        new FailureDetectorResponse(
            8,
            "exponential",
            [
                new EndpointFailureInfo("127.0.0.1:7002", Liveness.Down, 9, 1000, 10, 9000, 2, true),
                new EndpointFailureInfo("127.0.0.1:7004", Liveness.Down, double.PositiveInfinity, 1000, 10, 60000, 1, false),
                new EndpointFailureInfo("127.0.0.1:7006", Liveness.Down, 11, 1000, 10, 11000, 1, false),
                new EndpointFailureInfo("127.0.0.1:7008", Liveness.Up, 0.2, 1000, 10, 200, 0, false),
            ]),
        AdminJsonContext.Default.FailureDetectorResponse);
}
