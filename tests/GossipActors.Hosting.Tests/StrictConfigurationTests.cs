using GossipActors.Cli;
using GossipActors.Hocon;
using GossipActors.Hosting.Configuration;
using GossipActors.Node;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// Unknown settings and out-of-range values stop the node with exit 3 whatever layer they came from, naming where they
/// were set; <c>gossipctl config check</c> refuses exactly the files the node refuses, with the same words.
/// </summary>
public sealed class StrictConfigurationTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gossip-strict-config-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Error)> RunNode(params string[] extra)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var data = Directory.CreateTempSubdirectory("gossip-strict-node-").FullName;
        try
        {
            // Every case here is refused before anything starts; a node that did start would run until stopped.
            var code = await NodeRunner.RunAsync(
                ["--listen", $"127.0.0.1:{FreePorts.Next()}", "--data-dir", data, "--admin", "127.0.0.1:0", "--new-cluster", .. extra],
                output,
                error).WaitAsync(TimeSpan.FromMinutes(2));
            return (code, error.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static (int Code, string Out, string Error) RunGossipctl(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = GossipCtl.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_misspelt_key_in_the_file_exits_3_with_a_suggestion_and_its_line_and_column()
    {
        var file = Write("node.conf", "gossip {\n  intervall = 2s\n}\n");

        var (code, error) = await RunNode("--config", file);

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        Assert.Contains($"gossip.intervall is not a known setting (set at {file}:2:15); did you mean gossip.interval?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_given_with_set_exits_3_naming_the_set()
    {
        var (code, error) = await RunNode("--set", "gossip.nonexistent=1", "--set", "remote.mtuu=1400");

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        Assert.Contains("gossip.nonexistent is not a known setting (set at --set gossip.nonexistent=1)", error, StringComparison.Ordinal);
        Assert.Contains("remote.mtuu is not a known setting (set at --set remote.mtuu=1400); did you mean remote.mtu?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_of_range_value_given_with_set_exits_3_naming_the_set()
    {
        var (code, error) = await RunNode("--set", "gossip.shadow-round-timeout=100d");

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        Assert.Contains("gossip.shadow-round-timeout = 100d is out of range; accepted more than 0 and at most 10m (set at --set gossip.shadow-round-timeout=100d)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_from_environment_variables_name_the_variable()
    {
        const string prefix = "GOSSIPSTRICTTEST_";
        Environment.SetEnvironmentVariable(prefix + "REMOTE__MTUU", "1400");
        Environment.SetEnvironmentVariable(prefix + "ADMIN__PROT", "7199");
        try
        {
            var environment = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var error = Assert.Throws<ConfigException>(() => NodeSettings.Bind(NodeConfiguration.Load(null, environment, [])));

            Assert.Contains($"remote.MTUU is not a known setting (set at environment variable {prefix}REMOTE__MTUU); did you mean remote.mtu?", error.Message, StringComparison.Ordinal);
            Assert.Contains($"admin.PROT is not a known setting (set at environment variable {prefix}ADMIN__PROT); did you mean admin.port?", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "REMOTE__MTUU", null);
            Environment.SetEnvironmentVariable(prefix + "ADMIN__PROT", null);
        }
    }

    [Fact]
    public void The_removed_actors_section_points_to_akka_actor()
    {
        var file = Write("old.conf", "actors {\n  throughput = 30\n}\n");

        var error = Assert.Throws<ConfigException>(() => NodeSettings.Bind(NodeConfiguration.Load(file, null, [])));

        Assert.StartsWith($"actors is not a known setting (set at {file}:1:8): the actors section was removed", error.Message, StringComparison.Ordinal);
        Assert.Contains("akka.actor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_variable_under_the_removed_actors_section_is_refused_with_the_reason_not_ignored()
    {
        const string prefix = "GOSSIPSTRICTACTORSTEST_";
        Environment.SetEnvironmentVariable(prefix + "ACTORS__THROUGHPUT", "30");
        try
        {
            var environment = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            var error = Assert.Throws<ConfigException>(() => NodeSettings.Bind(NodeConfiguration.Load(null, environment, [])));

            Assert.Contains($"actors is not a known setting (set at environment variable {prefix}ACTORS", error.Message, StringComparison.Ordinal);
            Assert.Contains("akka.actor", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "ACTORS__THROUGHPUT", null);
        }
    }

    [Fact]
    public void Akka_keys_application_state_keys_and_sections_of_the_application_are_not_policed()
    {
        var file = Write("app.conf", "akka.actor.no-such-akka-setting = 1\ngossip.application-states { role = api, \"zone a\" = x }\nmyapp.anything = 2\n");

        var settings = NodeSettings.Bind(NodeConfiguration.Load(file, null, new GossipActorsBuilder().WithApplicationState("tier", "gold").Overrides));

        Assert.Equal("api", settings.Gossip.ApplicationStates["role"]);
        Assert.Equal("gold", settings.Gossip.ApplicationStates["tier"]);
    }

    [Fact]
    public void The_checked_sections_are_read_from_reference_conf()
    {
        Assert.Equal(["admin", "gossip", "remote"], KnownSettings.CheckedSections.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(KnownSettings.AkkaSection, KnownSettings.CheckedSections);
    }

    /// <summary>Files the node refuses and files it accepts: gossipctl config check agrees on each, with the node's own words.</summary>
    [Theory]
    [InlineData("gossip { intervall = 2s }", true)]
    [InlineData("gossip.interval = banana", true)]
    [InlineData("remote.maximum-message-size = 1GiB", true)]
    [InlineData("remote.mtuu = 1400", true)]
    [InlineData("remote.connect-timeout = 1h", true)]
    [InlineData("gossip.failure-detector.phi-convict-threshold = 20", true)]
    [InlineData("gossip { interval = 2s, fanout = 3 }\nremote.mtu = 1422\nakka.loglevel = INFO", false)]
    public async Task Config_check_refuses_exactly_what_the_node_refuses(string text, bool invalid)
    {
        var file = Write("node.conf", text);

        var check = RunGossipctl("config", "check", file);

        if (!invalid)
        {
            Assert.Equal(0, check.Code);
            Assert.Empty(check.Error);
            NodeSettings.Bind(NodeConfiguration.Load(file, null, []));
            return;
        }

        var node = await RunNode("--config", file);
        Assert.Equal(NodeExitCodes.InvalidConfiguration, node.Code);
        Assert.Equal(NodeExitCodes.InvalidConfiguration, check.Code);
        Assert.Empty(check.Out);
        foreach (var problem in check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Assert.Contains(problem, node.Error, StringComparison.Ordinal);
        }
    }
}
