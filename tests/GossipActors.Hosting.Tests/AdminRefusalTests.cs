using System.Net;
using GossipActors.AdminClient.Contract;
using GossipActors.TestKit;
using Microsoft.Extensions.Logging;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>One node with its admin endpoint on loopback and no token, and everything it logs.</summary>
public sealed class LoopbackAdminNode : IAsyncLifetime
{
    public CapturingLoggerProvider Logs { get; } = new();

    public TestNode Node { get; private set; } = null!;

    public string Address => Node.AdminAddress;

    public int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public async Task<double> ThresholdAsync() => (await Node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold;

    /// <summary>The audit lines of the admin endpoint that mention <paramref name="text"/>.</summary>
    public IReadOnlyList<CapturedLogLine> AuditLines(string text) =>
        [.. Logs.Lines.Where(l => l.Category == "GossipActors.Hosting.Admin" && l.Message.StartsWith("admin ", StringComparison.Ordinal) && l.Message.Contains(text, StringComparison.Ordinal))];

    public async Task InitializeAsync() => Node = await TestNode.StartAsync(logs: Logs);

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Logs.Dispose();
    }
}

/// <summary>
/// Issue 13 item 4: requests a browser page, a rebinding DNS name or a careless script can make are refused with the
/// JSON error body, and change nothing. Each refusal is checked against the threshold it would have changed.
/// </summary>
public sealed class AdminRefusalTests(LoopbackAdminNode fixture) : IClassFixture<LoopbackAdminNode>
{
    private const string SetPhi12 = """{"value": 12, "confirm": true}""";

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task A_setphi_that_is_not_json_gets_415_and_the_threshold_is_unchanged(string? contentType)
    {
        var before = await fixture.ThresholdAsync();

        var answer = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, SetPhi12, contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, answer.Status);
        Assert.StartsWith("POST /setphi needs Content-Type: application/json", answer.Error, StringComparison.Ordinal);
        Assert.EndsWith("(nothing was changed)", answer.Error, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ThresholdAsync());
    }

    [Fact]
    public async Task The_cross_site_setphi_of_the_issue_gets_403_and_the_threshold_is_unchanged()
    {
        var before = await fixture.ThresholdAsync();

        // Exactly what was reported: text/plain (no CORS preflight) from a page on another site.
        var plain = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, SetPhi12, "text/plain", origin: "http://evil.example");
        var json = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, SetPhi12, origin: "http://evil.example");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (plain.Status, json.Status));
        Assert.StartsWith("Origin 'http://evil.example' is not this admin endpoint", json.Error, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ThresholdAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost:1")]
    [InlineData("https://127.0.0.1:{port}")]
    public async Task Other_origins_on_this_machine_are_foreign_too(string origin)
    {
        var answer = await AdminHttp.SendAsync(
            fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, SetPhi12, origin: origin.Replace("{port}", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Contains("is not this admin endpoint", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoint_own_origin_passes_the_gate()
    {
        // Unconfirmed, so passing every rule ends at the route's own 400 and still changes nothing.
        var answer = await AdminHttp.SendAsync(
            fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 12, "confirm": false}""", origin: $"http://{fixture.Address}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("send \"confirm\": true", answer.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/status")]
    [InlineData("GET", "/metrics")]
    [InlineData("POST", "/setphi")]
    public async Task A_foreign_host_header_gets_403_on_reads_and_mutations(string method, string path)
    {
        var before = await fixture.ThresholdAsync();

        var answer = await AdminHttp.SendAsync(
            fixture.Address, new HttpMethod(method), path, method == "POST" ? SetPhi12 : null, host: $"rebind.evil.example:{fixture.Port}");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.StartsWith($"Host 'rebind.evil.example:{fixture.Port}' does not name this admin endpoint", answer.Error, StringComparison.Ordinal);
        Assert.Contains("admin.allowed-hosts", answer.Error, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ThresholdAsync());
    }

    [Theory]
    [InlineData("localhost:{port}")]
    [InlineData("LOCALHOST.:{port}")]
    [InlineData("127.0.0.1:{port}")]
    [InlineData("[::1]:{port}")]
    [InlineData("localhost:9000")]
    public async Task Loopback_host_forms_are_this_endpoint(string host)
    {
        // Any port: behind ssh -L 9000:localhost:7199 the Host says 9000, and a port is no defence against rebinding.
        var answer = await AdminHttp.SendAsync(
            fixture.Address, HttpMethod.Get, AdminRoutes.Status, host: host.Replace("{port}", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    [Fact]
    public async Task An_unknown_route_gets_404_with_the_json_error_naming_the_routes()
    {
        var answer = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Get, "/nodetool");

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.StartsWith("no route GET /nodetool; the admin endpoint serves GET /status", answer.Error, StringComparison.Ordinal);
        Assert.Contains("POST /setphi, /assassinate, /decommission", answer.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_gets_405_with_the_json_error_and_allow()
    {
        var post = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.Status, "{}");
        var get = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Get, AdminRoutes.SetPhi);
        var delete = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Delete, AdminRoutes.Decommission);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.Status);
        Assert.Equal("/status does not take POST; it takes GET", post.Error);
        Assert.Equal(["GET"], post.Allow);
        Assert.Equal("/setphi does not take GET; it takes POST", get.Error);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, delete.Status);
        Assert.Equal("/decommission does not take DELETE; it takes POST", delete.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_oversized_body_gets_413_not_500_and_changes_nothing(bool chunked)
    {
        var before = await fixture.ThresholdAsync();
        var body = $$"""{"value": 12, "confirm": true, "padding": "{{new string('x', 20 * 1024)}}"}""";

        var answer = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, body, chunked: chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
        Assert.Contains("the admin endpoint accepts at most 16384 bytes (nothing was changed)", answer.Error, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.ThresholdAsync());
    }

    [Fact]
    public async Task Every_mutation_is_logged_once_with_the_client_address_and_outcome()
    {
        var confirmed = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 8, "confirm": true}""");
        var refused = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, AdminRoutes.Assassinate, """{"endpoint": "10.9.9.9:7000", "confirm": true}""");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound), (confirmed.Status, refused.Status));
        var setphi = Assert.Single(fixture.AuditLines("POST /setphi from 127.0.0.1:"), l => l.Message.Contains(": 200 ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, setphi.Level);
        Assert.Matches(@"^admin POST /setphi from 127\.0\.0\.1:\d+: 200 .*phi", setphi.Message);
        var assassinate = Assert.Single(fixture.AuditLines("POST /assassinate from 127.0.0.1:"));
        Assert.Contains(": 404 unknown endpoint 10.9.9.9:7000", assassinate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_provided_text_reaches_the_log_with_control_characters_escaped()
    {
        // ESC [ 3 1 m and a line break in the path, as a client would send them percent-encoded.
        var answer = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Post, "/setphi%1B%5B31m%0Aadmin%20forged", SetPhi12);

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        var line = Assert.Single(fixture.AuditLines("forged"));
        Assert.Contains(@"/setphi\x1b[31m\nadmin forged", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', line.Message);
        Assert.DoesNotContain('\n', line.Message);
    }

    [Fact]
    public async Task A_refused_read_is_logged_with_the_client_and_a_successful_read_is_not()
    {
        await AdminHttp.SendAsync(fixture.Address, HttpMethod.Get, AdminRoutes.TpStats);
        var refused = await AdminHttp.SendAsync(fixture.Address, HttpMethod.Get, AdminRoutes.TpStats, host: "tpstats.evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        var line = Assert.Single(fixture.AuditLines("GET /tpstats"));
        Assert.Matches(@"^admin GET /tpstats from 127\.0\.0\.1:\d+: 403 Host 'tpstats\.evil\.example'", line.Message);
    }
}
