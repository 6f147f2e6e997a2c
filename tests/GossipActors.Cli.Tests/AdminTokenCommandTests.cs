using GossipActors.AdminClient.Contract;
using GossipActors.Cli.Commands;
using Xunit;

namespace GossipActors.Cli.Tests;

/// <summary>gossipctl sends the admin token (--token, else GOSSIP_ADMIN_TOKEN) and exits 4 when the node will not let it in.</summary>
public sealed class AdminTokenCommandTests : IAsyncLifetime
{
    private const string Token = "cli-test-token-0123456789";
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Token_is_sent_as_a_bearer_with_reads_and_mutations_and_mutations_are_json()
    {
        var read = await Gossipctl.RunAsync("status", "--admin", _server.Address, "--token", Token);
        var mutation = await Gossipctl.RunAsync("--token", Token, "setphi", "12", "--confirm", "--admin", _server.Address);

        Assert.Equal((0, 0), (read.ExitCode, mutation.ExitCode));
        Assert.Equal($"Bearer {Token}", Assert.Single(_server.RequestsTo("GET", AdminRoutes.Status)).Authorization);
        var post = Assert.Single(_server.RequestsTo("POST", AdminRoutes.SetPhi));
        Assert.Equal($"Bearer {Token}", post.Authorization);
        Assert.Equal("application/json; charset=utf-8", post.ContentType);
    }

    [Fact]
    public async Task Without_token_option_the_environment_variable_is_used_and_the_option_wins_over_it()
    {
        var environment = new Dictionary<string, string> { [AdminAuthentication.TokenEnvironmentVariable] = "from-the-environment-0001" };

        await Gossipctl.RunWithEnvironmentAsync(environment, "tpstats", "--admin", _server.Address);
        await Gossipctl.RunWithEnvironmentAsync(environment, "gossipinfo", "--admin", _server.Address, "--token", Token);
        await Gossipctl.RunAsync("describecluster", "--admin", _server.Address);

        Assert.Equal("Bearer from-the-environment-0001", Assert.Single(_server.RequestsTo("GET", AdminRoutes.TpStats)).Authorization);
        Assert.Equal($"Bearer {Token}", Assert.Single(_server.RequestsTo("GET", AdminRoutes.GossipInfo)).Authorization);
        Assert.Null(Assert.Single(_server.RequestsTo("GET", AdminRoutes.DescribeCluster)).Authorization);
    }

    [Theory]
    [InlineData(401, "this admin endpoint requires a token: send Authorization: Bearer TOKEN (gossipctl --token, or GOSSIP_ADMIN_TOKEN)")]
    [InlineData(403, "POST /setphi from 10.0.0.7 refused: this node has no admin.token, so only loopback clients may change it")]
    public async Task A_node_that_will_not_let_gossipctl_in_gives_exit_code_4_and_its_reason(int status, string reason)
    {
        _server.Answer("POST", AdminRoutes.SetPhi, status, $$"""{"error": "{{reason}}"}""");

        var result = await Gossipctl.RunAsync("setphi", "12", "--confirm", "--admin", _server.Address);

        Assert.Equal(ExitCodes.NotAllowed, result.ExitCode);
        Assert.Equal(4, ExitCodes.NotAllowed);
        var name = status == 401 ? "Unauthorized" : "Forbidden";
        Assert.Equal($"gossipctl: admin endpoint {_server.Address} answered POST /setphi with {status} {name}: {reason}\n", result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_names_the_option_and_the_variable_but_never_prints_the_token()
    {
        var environment = new Dictionary<string, string> { [AdminAuthentication.TokenEnvironmentVariable] = "secret-in-the-environment" };

        var help = await Gossipctl.RunWithEnvironmentAsync(environment, "status", "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--token", help.Output, StringComparison.Ordinal);
        Assert.Contains("GOSSIP_ADMIN_TOKEN", help.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-in-the-environment", help.Output + help.Error, StringComparison.Ordinal);
    }
}
