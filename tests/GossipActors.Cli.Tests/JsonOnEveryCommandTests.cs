using System.CommandLine;
using System.Text.Json;
using GossipActors.AdminClient.Contract;
using Xunit;

namespace GossipActors.Cli.Tests;

/// <summary>gossipctl info, and --json on every command: reads, the gate, mutations and the configuration commands.</summary>
public sealed class JsonOnEveryCommandTests : IAsyncLifetime
{
    private FakeAdminServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAdminServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_command_that_does_something_takes_json()
    {
        var leaves = Leaves(GossipCtl.BuildRootCommand()).ToList();

        Assert.Contains(leaves, c => c.Name == "info");
        Assert.True(leaves.Count >= 12, string.Join(", ", leaves.Select(c => c.Name)));
        Assert.All(leaves, c => Assert.True(c.Options.Any(o => o.Name == "--json"), $"{c.Name} has no --json"));

        static IEnumerable<Command> Leaves(Command command) =>
            command.Subcommands.Count == 0 ? [command] : command.Subcommands.SelectMany(Leaves);
    }

    [Fact]
    public async Task Info_prints_the_node_like_nodetool_info()
    {
        var result = await Gossipctl.RunAsync("info", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """
            Address               : 127.0.0.1:7000
            Cluster               : local
            Host ID               : 9b6d1c7e-0000-4000-8000-000000000001
            Generation            : 1700000000
            Data center           : dc1
            Rack                  : rack1
            Uptime (seconds)      : 3723
            Started               : 2026-12-04 22:00:00 UTC
            Heap used             : 12.00 MiB
            RSS                   : 90.00 MiB
            Phi convict threshold : 12 (restored to 8 at 2026-12-04 23:10:00 UTC)
            Joined                : true
            Converged             : false (1 of 3 member peers is DOWN: 127.0.0.1:7004 (1 left))

            """,
            result.Output.ReplaceLineEndings("\n"));
        Assert.Single(_server.RequestsTo("GET", "/info"));
    }

    [Fact]
    public async Task Info_json_is_the_nodes_answer()
    {
        var result = await Gossipctl.RunAsync("info", "--json", "--admin", _server.Address);

        Assert.True(result.ExitCode == 0, result.ToString());
        var info = JsonSerializer.Deserialize(result.Output, AdminJsonContext.Default.InfoResponse)!;
        Assert.Equal((94_371_840L, 12d, 8d), (info.RssBytes, info.PhiConvictThreshold, info.PendingRestore!.Value));
    }

    [Fact]
    public async Task Assassinate_and_decommission_print_the_nodes_answer_with_json()
    {
        var assassinated = await Gossipctl.RunAsync("assassinate", "127.0.0.1:7004", "--confirm", "--json", "--admin", _server.Address);
        Assert.True(assassinated.ExitCode == 0, assassinated.ToString());
        var answer = JsonSerializer.Deserialize(assassinated.Output, AdminJsonContext.Default.AssassinateResponse)!;
        Assert.Equal("127.0.0.1:7004", answer.Endpoint);

        var decommissioned = await Gossipctl.RunAsync("decommission", "--confirm", "--json", "--admin", _server.Address);
        Assert.True(decommissioned.ExitCode == 0, decommissioned.ToString());
        Assert.Equal(MembershipState.Leaving, JsonSerializer.Deserialize(decommissioned.Output, AdminJsonContext.Default.DecommissionResponse)!.State);
    }

    [Fact]
    public async Task Config_check_json_gives_the_verdict_and_each_problem_with_the_same_exit_code()
    {
        var directory = Directory.CreateTempSubdirectory("gossipctl-json-");
        try
        {
            var good = Path.Combine(directory.FullName, "good.conf");
            await File.WriteAllTextAsync(good, "gossip.interval = 500ms\n");
            var bad = Path.Combine(directory.FullName, "bad.conf");
            await File.WriteAllTextAsync(bad, "gossip.intervall = 500ms\n");

            var valid = await Gossipctl.RunAsync("config", "check", good, "--json");
            Assert.True(valid.ExitCode == 0, valid.ToString());
            using (var document = JsonDocument.Parse(valid.Output))
            {
                Assert.True(document.RootElement.GetProperty("valid").GetBoolean());
                Assert.Equal(0, document.RootElement.GetProperty("problems").GetArrayLength());
                Assert.Equal(good, document.RootElement.GetProperty("file").GetString());
            }

            var invalid = await Gossipctl.RunAsync("config", "check", bad, "--json");
            Assert.Equal(3, invalid.ExitCode);
            using (var document = JsonDocument.Parse(invalid.Output))
            {
                Assert.False(document.RootElement.GetProperty("valid").GetBoolean());
                var problem = Assert.Single(document.RootElement.GetProperty("problems").EnumerateArray()).GetString();
                Assert.Contains("did you mean gossip.interval?", problem, StringComparison.Ordinal);
                Assert.Contains("bad.conf:1", problem, StringComparison.Ordinal);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
