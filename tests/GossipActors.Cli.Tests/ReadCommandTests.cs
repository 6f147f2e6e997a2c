using System.Net;
using System.Net.Sockets;
using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class ReadCommandTests : IAsyncLifetime
{
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("status", "/status", "UN  127.0.0.1:7000")]
    [InlineData("gossipinfo", "/gossipinfo", "  heartbeat:321")]
    [InlineData("failuredetector", "/failuredetector", "Phi convict threshold: 8 (exponential model)")]
    [InlineData("describecluster", "/describecluster", "Schema agreement: NO")]
    [InlineData("tpstats", "/tpstats", "gossip/endpoints")]
    [InlineData("info", "/info", "Host ID               : 9b6d1c7e-0000-4000-8000-000000000001")]
    [InlineData("histograms", "/histograms", "Gossip latencies over the last 5 min (milliseconds)")]
    public async Task Each_read_command_renders_its_route_as_text(string command, string route, string expected)
    {
        var result = await Gossipctl.RunAsync(command, "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
        Assert.Single(_server.RequestsTo("GET", route));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("gossipinfo")]
    [InlineData("failuredetector")]
    [InlineData("describecluster")]
    [InlineData("tpstats")]
    [InlineData("info")]
    [InlineData("histograms")]
    public async Task Each_read_command_prints_the_raw_json_with_json(string command)
    {
        var result = await Gossipctl.RunAsync(command, "--json", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(FakeAdminServer.Fixture(command).TrimEnd() + "\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Admin_is_accepted_before_the_command_name()
    {
        var result = await Gossipctl.RunAsync("--admin", _server.Address, "status");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("Cluster: local (as seen by 127.0.0.1:7000)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_node_is_one_line_on_stderr_and_exit_1()
    {
        var closedPort = ClosedLoopbackPort();

        var result = await Gossipctl.RunAsync("status", "--admin", $"127.0.0.1:{closedPort}");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal($"gossipctl: cannot reach admin endpoint 127.0.0.1:{closedPort}: connection refused\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_unreachable_node_fails_the_same_way_in_json_mode()
    {
        var closedPort = ClosedLoopbackPort();

        var result = await Gossipctl.RunAsync("gossipinfo", "--json", "--admin", $"127.0.0.1:{closedPort}");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("connection refused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_error_is_reported_with_its_status_and_message()
    {
        _server.Answer("GET", "/tpstats", 500, """{"error":"actor system is shutting down"}""");

        var result = await Gossipctl.RunAsync("tpstats", "--admin", _server.Address);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"gossipctl: admin endpoint {_server.Address} answered GET /tpstats with 500 InternalServerError: actor system is shutting down\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task An_answer_that_breaks_the_contract_names_the_route_and_the_json_path()
    {
        _server.Answer("GET", "/status", 200, """{"clusterName":"local","localEndpoint":"127.0.0.1:7000","endpoints":[{"address":"a","status":"SIDEWAYS"}]}""");

        var result = await Gossipctl.RunAsync("status", "--admin", _server.Address);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"gossipctl: admin endpoint {_server.Address} answered /status with JSON that does not match the contract at $.endpoints[0].status", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_port_that_is_not_an_admin_endpoint_is_diagnosed()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepting = Task.Run(async () =>
        {
            // Like pointing --admin at the gossip port or an SSH daemon: it answers, but not in HTTP.
            using var socket = await silent.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer);
            await socket.SendAsync("SSH-2.0-OpenSSH_9.2\r\n"u8.ToArray());
            socket.Shutdown(SocketShutdown.Both);
        });

        var result = await Gossipctl.RunAsync("status", "--admin", $"127.0.0.1:{port}");
        await accepting;

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"gossipctl: 127.0.0.1:{port} is not an admin endpoint (is it the gossip port?): ", result.Error, StringComparison.Ordinal);
        Assert.Contains("SSH-2.0-OpenSSH_9.2", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }

    // Bind, learn the port, release it: nothing listens there afterwards, so connecting is refused.
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
