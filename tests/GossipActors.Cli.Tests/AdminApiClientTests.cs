using System.Net;
using System.Net.Sockets;
using GossipActors.AdminClient;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class AdminApiClientTests : IAsyncLifetime
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Health_answers_503_as_an_answer_not_an_error()
    {
        _server.Answer("GET", "/health", 503, FakeAdminServer.Fixture("health"));

        var health = await new AdminApiClient(_http, _server.Address).GetHealthAsync();

        Assert.True(health.Joined);
        Assert.False(health.Converged);
        Assert.Equal("1 of 3 member peers is DOWN: 127.0.0.1:7004 (1 left)", health.Detail);
    }

    [Fact]
    public async Task Metrics_are_returned_as_text()
    {
        _server.Answer("GET", "/metrics", 200, "# TYPE gossip_rounds_total counter\ngossip_rounds_total 42\n");

        var metrics = await new AdminApiClient(_http, _server.Address).GetMetricsAsync();

        Assert.Contains("gossip_rounds_total 42", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_reads_follow_the_contract()
    {
        var client = new AdminApiClient(_http, _server.Address);

        Assert.Equal(4, (await client.GetStatusAsync()).Endpoints.Count);
        Assert.Equal(2, (await client.GetGossipInfoAsync()).Endpoints.Count);
        Assert.Equal(8, (await client.GetFailureDetectorAsync()).PhiConvictThreshold);
        Assert.True((await client.DescribeClusterAsync()).Disagreement);
        Assert.Equal(3, (await client.GetTpStatsAsync()).Groups.Count);
    }

    [Fact]
    public async Task A_node_that_accepts_but_never_answers_times_out_with_one_line()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<AdminClientException>(() => new AdminApiClient(http, $"127.0.0.1:{port}").GetStatusAsync());

        Assert.Equal($"cannot reach admin endpoint 127.0.0.1:{port}: no answer within 0.3 s", error.Message);
        Assert.True(error.IsUnreachable);
    }

    [Fact]
    public async Task A_refusal_carries_the_http_status()
    {
        _server.Answer("POST", "/decommission", 400, """{"error":"confirm=true is required"}""");

        var error = await Assert.ThrowsAsync<AdminClientException>(() => new AdminApiClient(_http, _server.Address).DecommissionAsync(confirm: false));

        Assert.Equal(400, error.HttpStatus);
        Assert.False(error.IsUnreachable);
        Assert.EndsWith("with 400 BadRequest: confirm=true is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:0")]
    [InlineData("http://127.0.0.1:7199")]
    public void An_invalid_admin_address_is_rejected_up_front(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => new AdminApiClient(_http, address));
        Assert.StartsWith("invalid admin address: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipv6_admin_address_is_accepted()
    {
        Assert.Equal("[::1]:7199", new AdminApiClient(_http, "[::1]:7199").AdminAddress);
    }
}
