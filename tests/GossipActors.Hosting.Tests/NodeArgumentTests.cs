using GossipActors.Gossip.Cluster;
using GossipActors.Hosting.Configuration;
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
    [InlineData("bad broadcast", "--listen", "0.0.0.0:7000", "--data-dir", "/tmp/x", "--broadcast-address", "10.0.0.5:http")]
    [InlineData("flag with a value", "--listen", "127.0.0.1:7000", "--data-dir", "/tmp/x", "--new-cluster=yes")]
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
            "--app-state", "zone=blue", "--app-state", "role=api", "--dc", "eu", "--rack", "r1", "--cluster-name", "prod",
            "--broadcast-address", "10.0.0.5", "--new-cluster", "--override-decommission", "--discard-corrupt-state"]);

        Assert.Equal(["127.0.0.1:7000", "127.0.0.1:7002"], parsed.Seeds);
        Assert.Equal(2, parsed.Sets.Count);
        Assert.Equal(new KeyValuePair<string, string>("remote.mtu", "1422"), parsed.Sets[0]);
        Assert.Equal(2, parsed.AppStates.Count);
        Assert.Equal(("eu", "r1", "prod", "node.conf"), (parsed.Dc, parsed.Rack, parsed.ClusterName, parsed.ConfigFile));
        Assert.Equal("10.0.0.5", parsed.BroadcastAddress);
        Assert.True(parsed.NewCluster && parsed.OverrideDecommission && parsed.DiscardCorruptState);
    }

    [Fact]
    public void The_start_up_flags_turn_their_settings_on_and_are_off_without_them()
    {
        static GossipNodeSettings Bound(params string[] flags)
        {
            var builder = new GossipActorsBuilder();
            NodeArguments.Parse(["--listen", "127.0.0.1:7000", "--data-dir", "/tmp/n", .. flags]).ApplyTo(builder);
            return GossipNodeSettings.FromConfig(NodeConfiguration.Load(null, null, builder.Overrides).Config);
        }

        var on = Bound("--new-cluster", "--override-decommission", "--discard-corrupt-state");
        var off = Bound();

        Assert.Equal((true, true, true), (on.NewCluster, on.OverrideDecommission, on.DiscardCorruptState));
        Assert.Equal((false, false, false), (off.NewCluster, off.OverrideDecommission, off.DiscardCorruptState));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("[::]")]
    public async Task A_wildcard_listen_address_without_a_broadcast_address_exits_3_naming_both_settings(string host)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var dir = Directory.CreateTempSubdirectory("gossip-node-args-").FullName;

        var code = await NodeRunner.RunAsync(["--listen", $"{host}:{FreePorts.Next()}", "--data-dir", dir, "--admin", "127.0.0.1:0"], output, error);

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("GossipActors.Node: invalid configuration: remote.hostname (--listen) ", line, StringComparison.Ordinal);
        Assert.Contains("remote.broadcast-address (--broadcast-address HOST[:PORT])", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("corrupt local.json", "{\"hostId\": \"0b1c", "local.json:1:")]
    [InlineData("decommissioned", "{\"hostId\":\"0b1c2d3e-0000-4000-8000-000000000001\",\"generation\":5,\"decommissionedAtMs\":1700000000000}", "--override-decommission")]
    public async Task A_data_dir_the_node_must_not_start_from_exits_3_with_one_line(string why, string localJson, string named)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var dir = Directory.CreateTempSubdirectory("gossip-node-args-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "local.json"), localJson);

        var code = await NodeRunner.RunAsync(["--listen", $"127.0.0.1:{FreePorts.Next()}", "--data-dir", dir, "--admin", "127.0.0.1:0"], output, error);

        Assert.True(code == NodeExitCodes.InvalidConfiguration, $"{why}: exit {code}, stderr {error}");
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.Equal(localJson, await File.ReadAllTextAsync(Path.Combine(dir, "local.json")));
    }

    [Fact]
    public async Task A_data_dir_that_is_a_regular_file_exits_3_with_one_line_naming_the_setting()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var file = Path.Combine(Directory.CreateTempSubdirectory("gossip-node-args-").FullName, "not-a-dir");
        await File.WriteAllTextAsync(file, "x");

        var code = await NodeRunner.RunAsync(["--listen", $"127.0.0.1:{FreePorts.Next()}", "--data-dir", file, "--admin", "127.0.0.1:0"], output, error);

        Assert.Equal(NodeExitCodes.InvalidConfiguration, code);
        Assert.Equal(
            $"GossipActors.Node: invalid configuration: gossip.data-dir (--data-dir) '{file}' is not usable: it is a regular file, not a directory",
            Assert.Single(error.ToString().TrimEnd().Split('\n')));
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
