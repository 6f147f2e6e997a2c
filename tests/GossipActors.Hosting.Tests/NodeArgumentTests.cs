using GossipActors.Node;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The node's command line: wrong arguments give one line on stderr and exit 2, before anything starts.</summary>
public sealed class NodeArgumentTests
{
    [Theory]
    [InlineData("missing listen", "--data-dir", "/tmp/x")]
    [InlineData("missing data dir", "--listen", "127.0.0.1:7000")]
    [InlineData("bad listen", "--listen", "127.0.0.1", "--data-dir", "/tmp/x")]
    [InlineData("bad seed", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--seeds", "a:1,b")]
    [InlineData("unknown option", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--frobnicate")]
    [InlineData("value missing", "--listen", "127.0.0.1:7000", "--data-dir")]
    [InlineData("bad set", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--set", "remote.mtu")]
    [InlineData("bad app state", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--app-state", "=x")]
    [InlineData("bad admin", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--admin", "localhost")]
    [InlineData("twice", "--listen", "127.0.0.1:7000", "--listen", "127.0.0.1:7001", "--data-dir", "/tmp/x")]
    public async Task Wrong_arguments_exit_2_with_one_line(string why, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await NodeRunner.RunAsync(args, output, error);

        Assert.True(code == NodeExitCodes.Usage, $"{why}: exit {code}, stderr {error}");
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("GossipActors.Node: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void All_documented_options_parse_and_repeatable_ones_accumulate()
    {
        var parsed = NodeArguments.Parse([
            "--listen", "127.0.0.1:7000", "--seeds", "127.0.0.1:7000,127.0.0.1:7002", "--admin", "127.0.0.1:7199",
            "--data-dir", "/tmp/n", "--config", "node.conf", "--set", "remote.mtu=1422", "--set", "gossip.interval=500ms",
            "--app-state", "zone=blue", "--app-state", "role=api", "--dc", "eu", "--rack", "r1", "--cluster-name", "prod"]);

        Assert.Equal(["127.0.0.1:7000", "127.0.0.1:7002"], parsed.Seeds);
        Assert.Equal(2, parsed.Sets.Count);
        Assert.Equal(new KeyValuePair<string, string>("remote.mtu", "1422"), parsed.Sets[0]);
        Assert.Equal(2, parsed.AppStates.Count);
        Assert.Equal(("eu", "r1", "prod", "node.conf"), (parsed.Dc, parsed.Rack, parsed.ClusterName, parsed.ConfigFile));
    }

    [Fact]
    public async Task An_invalid_setting_exits_3_naming_it()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var dir = Directory.CreateTempSubdirectory("gossip-node-args-").FullName;

        var code = await NodeRunner.RunAsync(
            ["--listen", $"127.0.0.1:{FreePorts.Next()}", "--data-dir", dir, "--admin", "127.0.0.1:0", "--set", "gossip.failure-detector.phi-convict-threshold=3"],
            output,
            error);

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        Assert.Contains("gossip.failure-detector.phi-convict-threshold", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_seeds_exit_4_with_the_diagnosis_on_stderr()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var dir = Directory.CreateTempSubdirectory("gossip-node-args-").FullName;
        var seed = $"127.0.0.1:{FreePorts.Next()}";

        var code = await NodeRunner.RunAsync(
            ["--listen", $"127.0.0.1:{FreePorts.Next()}", "--seeds", seed, "--data-dir", dir, "--admin", "127.0.0.1:0",
             "--set", "gossip.shadow-round-timeout=2s", "--set", "gossip.shadow-round-resend-interval=500ms"],
            output,
            error);

        Assert.Equal(NodeExitCodes.SeedsUnreachable, code);
        Assert.Contains("Unable to gossip with any seeds", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(seed, error.ToString(), StringComparison.Ordinal);
    }
}
