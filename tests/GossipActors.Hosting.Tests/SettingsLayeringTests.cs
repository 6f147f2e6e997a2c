using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Hosting.Configuration;
using GossipActors.Hosting.Runtime;
using GossipActors.Remote;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>reference.conf ← HOCON file ← IConfiguration ← builder, and errors that name the setting and its origin.</summary>
public sealed class SettingsLayeringTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("gossip-settings-test-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Each_layer_overrides_the_one_below_it()
    {
        var file = Write("node.conf", """
            gossip { cluster-name = from-file, dc = file-dc, rack = file-rack, interval = 2s }
            remote.port = 7100
            """);
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOSSIP:DC"] = "env-dc",
            ["gossip:rack"] = "env-rack",
            ["GOSSIP:SEEDS"] = "10.0.0.1:7000,10.0.0.2:7000",
            ["PATH"] = "/usr/bin",
        }).Build();
        var builder = new GossipActorsBuilder().UseConfigFile(file).WithRack("builder-rack");

        var config = NodeConfiguration.Load(builder.ConfigFile, environment, builder.Overrides).Config;

        Assert.Equal("from-file", config.GetString("gossip.cluster-name"));
        Assert.Equal("env-dc", config.GetString("gossip.dc"));
        Assert.Equal("builder-rack", config.GetString("gossip.rack"));
        Assert.Equal(["10.0.0.1:7000", "10.0.0.2:7000"], config.GetStringList("gossip.seeds"));
        Assert.Equal(TimeSpan.FromSeconds(2), config.GetDuration("gossip.interval"));
        Assert.Equal(7100, config.GetInt("remote.port"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("gossip.shadow-round-timeout"));
    }

    [Fact]
    public void An_interval_set_with_the_builder_moves_the_failure_detectors_auto_intervals()
    {
        var builder = new GossipActorsBuilder().Set("gossip.interval", "250ms").Set("gossip.failure-detector.heartbeats", "gossip");

        var settings = GossipNodeSettings.FromConfig(NodeConfiguration.Load(null, null, builder.Overrides).Config);

        // Fed by gossip, the evaluations follow the gossip interval (with direct heartbeats they follow heartbeat-interval).
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.FailureDetector.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.FailureDetector.InitialInterval);
    }

    [Fact]
    public void Remote_mtu_clamps_only_when_the_user_sets_it()
    {
        var byDefault = NodeConfiguration.Load(null, null, []);
        Assert.Equal("auto", byDefault.Config.GetString("remote.mtu"));
        Assert.Null(RemoteSettingsBinder.Bind(byDefault.Config).ExplicitMtu);
        Assert.Equal(RemoteSettings.DefaultMtu, RemoteSettingsBinder.Bind(byDefault.Config).Mtu);

        var bySet = NodeConfiguration.Load(null, null, new GossipActorsBuilder().Set("remote.mtu", "1422").Overrides);
        Assert.Equal(1422, RemoteSettingsBinder.Bind(bySet.Config).ExplicitMtu);

        var sameAsDefault = NodeConfiguration.Load(Write("mtu.conf", "remote.mtu = 1500"), null, []);
        Assert.Equal(1500, RemoteSettingsBinder.Bind(sameAsDefault.Config).ExplicitMtu);
    }

    [Fact]
    public void A_syntax_error_in_the_file_names_file_line_and_column()
    {
        var file = Write("broken.conf", "gossip {\n  seeds = [\"a:1\"\n  dc = x\n");

        var error = Assert.ThrowsAny<HoconParseException>(() => NodeConfiguration.Load(file, null, []));

        Assert.Contains("broken.conf:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_port_names_the_setting_and_where_it_was_set()
    {
        var file = Write("ports.conf", "remote {\n  port = 70000\n}\n");

        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(NodeConfiguration.Load(file, null, []).Config));

        Assert.Contains("remote.port", error.Message, StringComparison.Ordinal);
        Assert.Contains("70000", error.Message, StringComparison.Ordinal);
        Assert.Contains("ports.conf:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mistyped_value_from_the_environment_names_the_setting()
    {
        var environment = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["REMOTE:MTU"] = "big" }).Build();

        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind(NodeConfiguration.Load(null, environment, []).Config));

        Assert.Contains("remote.mtu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_of_range_phi_threshold_refuses_to_build_the_node_naming_the_setting()
    {
        var configuration = NodeConfiguration.Load(null, null, new GossipActorsBuilder()
            .ListenOn($"127.0.0.1:{FreePorts.Next()}")
            .WithDataDir(_dir.FullName)
            .DisableAdmin()
            .Set("gossip.failure-detector.phi-convict-threshold", "20").Overrides);

        var error = Assert.ThrowsAny<Exception>(() => new GossipActorsRuntime(configuration, NullLoggerFactory.Instance));

        Assert.Contains("gossip.failure-detector.phi-convict-threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_rejects_addresses_that_are_not_host_port()
    {
        var error = Assert.Throws<ArgumentException>(() => new GossipActorsBuilder().WithSeeds("10.0.0.1"));
        Assert.Contains("10.0.0.1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GossipActorsBuilder().WithAdmin("localhost"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
