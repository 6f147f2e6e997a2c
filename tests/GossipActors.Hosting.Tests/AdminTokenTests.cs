using System.Net;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;
using GossipActors.Cli;
using GossipActors.Cli.Commands;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>A node whose admin endpoint requires a token (admin.token), and everything it logs.</summary>
public sealed class TokenAdminNode : IAsyncLifetime
{
    public const string Token = "test-token-0123456789abcdef";

    public CapturingLoggerProvider Logs { get; } = new();

    public TestNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await TestNode.StartAsync(logs: Logs, configure: g => g.Set("admin.token", $"\"{Token}\""));

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        Logs.Dispose();
    }
}

/// <summary>Issue 13 item 4: with admin.token set, every request carries it or gets 401; gossipctl sends it.</summary>
public sealed class AdminTokenTests(TokenAdminNode fixture) : IClassFixture<TokenAdminNode>
{
    private string Address => fixture.Node.AdminAddress;

    [Fact]
    public async Task A_request_without_the_token_gets_401_with_a_bearer_challenge()
    {
        var answer = await AdminHttp.SendAsync(Address, HttpMethod.Get, AdminRoutes.Status);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("this admin endpoint requires a token: send Authorization: Bearer TOKEN (gossipctl --token, or GOSSIP_ADMIN_TOKEN)", answer.Error);
        Assert.Equal("Bearer", Assert.Single(answer.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData(AdminRoutes.Status)]
    [InlineData(AdminRoutes.Health)]
    [InlineData(AdminRoutes.Metrics)]
    public async Task A_wrong_token_gets_401_on_every_route(string route)
    {
        var answer = await AdminHttp.SendAsync(Address, HttpMethod.Get, route, token: TokenAdminNode.Token + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal("the admin token does not match admin.token on the node", answer.Error);
    }

    [Fact]
    public async Task A_wrong_token_cannot_change_the_threshold_and_the_right_one_can()
    {
        var before = (await fixture.Node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold;
        var wrong = await AdminHttp.SendAsync(Address, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 9, "confirm": true}""", token: "not-the-token-at-all-0000");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(before, (await fixture.Node.Cluster.GetFailureDetectorReportAsync()).PhiConvictThreshold);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var change = await new AdminApiClient(http, Address, TokenAdminNode.Token).SetPhiAsync(before, confirm: true);

        Assert.Equal(before, change.Current);
        Assert.Equal(HttpStatusCode.OK, (await AdminHttp.SendAsync(Address, HttpMethod.Get, AdminRoutes.Status, token: TokenAdminNode.Token)).Status);
    }

    [Fact]
    public async Task Gossipctl_with_token_works_and_without_it_exits_4()
    {
        var withToken = await Gossipctl(null, "status", "--admin", Address, "--token", TokenAdminNode.Token);
        var fromEnvironment = await Gossipctl(TokenAdminNode.Token, "--admin", Address, "setphi", "8", "--confirm");
        var without = await Gossipctl(null, "status", "--admin", Address);
        var wrong = await Gossipctl(null, "setphi", "9", "--confirm", "--admin", Address, "--token", "wrong-token-wrong-token");

        Assert.Equal(ExitCodes.Success, withToken.Code);
        Assert.Contains(fixture.Node.GossipAddress, withToken.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, fromEnvironment.Code);
        Assert.Equal(ExitCodes.NotAllowed, without.Code);
        Assert.Equal($"gossipctl: admin endpoint {Address} answered GET /status with 401 Unauthorized: this admin endpoint requires a token: send Authorization: Bearer TOKEN (gossipctl --token, or GOSSIP_ADMIN_TOKEN){Environment.NewLine}", without.Error);
        Assert.Equal(ExitCodes.NotAllowed, wrong.Code);
    }

    [Fact]
    public async Task The_token_is_never_logged_and_never_reaches_akka_configuration()
    {
        await AdminHttp.SendAsync(Address, HttpMethod.Post, AdminRoutes.SetPhi, """{"value": 8, "confirm": true}""", token: TokenAdminNode.Token);
        await AdminHttp.SendAsync(Address, HttpMethod.Get, AdminRoutes.Status, token: TokenAdminNode.Token + "-wrong");

        Assert.Contains(fixture.Logs.Lines, l => l.Message.StartsWith("admin POST /setphi from 127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Message.Contains(TokenAdminNode.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(TokenAdminNode.Token, fixture.Node.Runtime.Admin.ToString(), StringComparison.Ordinal);
        Assert.False(fixture.Node.Runtime.System.Settings.Config.HasPath("admin"));
    }

    private static async Task<(int Code, string Output, string Error)> Gossipctl(string? environmentToken, params string[] args)
    {
        var options = new GossipctlOptions(
            () => new HttpClient { Timeout = TimeSpan.FromSeconds(15) },
            name => name == AdminAuthentication.TokenEnvironmentVariable ? environmentToken : null);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await GossipCtl.RunAsync(args, output, error, options);
        return (code, output.ToString(), error.ToString());
    }
}
