using Xunit;

namespace GossipActors.Cli.Tests;

public sealed class UsageTests : IAsyncLifetime
{
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("statuss")]
    [InlineData("status", "--bogus")]
    [InlineData("setphi", "abc", "--confirm")]
    [InlineData("setphi")]
    [InlineData("assassinate")]
    [InlineData("status", "--admin")]
    public async Task Wrong_arguments_are_one_line_on_stderr_and_exit_2(params string[] args)
    {
        var result = await Gossipctl.RunAsync([.. args, "--admin", _server.Address]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Output);
        Assert.StartsWith("gossipctl: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_malformed_admin_address_names_the_problem()
    {
        var result = await Gossipctl.RunAsync("status", "--admin", "localhost");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "gossipctl: --admin: invalid admin address: 'localhost' is not a valid endpoint address; expected HOST:PORT (IPv6 as [ADDR]:PORT)\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_parse_error_points_at_the_commands_help()
    {
        var result = await Gossipctl.RunAsync("setphi", "abc", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "gossipctl: setphi: VALUE must be a number such as 10 or 12.5, not 'abc' (see 'gossipctl setphi --help')\n",
            result.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_mistyped_command_is_named()
    {
        var result = await Gossipctl.RunAsync("statuss", "--admin", _server.Address);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("gossipctl: Unrecognized command or argument 'statuss'. (see 'gossipctl --help')\n", result.Error.ReplaceLineEndings("\n"));
    }
}
