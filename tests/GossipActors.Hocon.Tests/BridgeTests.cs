using GossipActors.Hocon.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon.Tests;

/// <summary>HOCON inside Microsoft.Extensions.Configuration, and IConfiguration layered over HOCON.</summary>
public sealed class BridgeTests : IDisposable
{
    private const string Sample = """
        gossip {
          cluster-name = "Test"
          seeds = ["10.0.0.1:7000", "10.0.0.2:7000"]
          failure-detector { phi-convict-threshold = 8 }
          application-states {}
        }
        remote { port = 7000, mtu-discovery = on, tls { enabled = false, key = null } }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AddHoconString_flattens_keys_with_colons_and_lists_as_index_children()
    {
        var configuration = new ConfigurationBuilder().AddHoconString(Sample, TestConfig.NoEnvironment).Build();
        Assert.Equal("Test", configuration["gossip:cluster-name"]);
        Assert.Equal("10.0.0.1:7000", configuration["gossip:seeds:0"]);
        Assert.Equal("10.0.0.2:7000", configuration["gossip:seeds:1"]);
        Assert.Equal("8", configuration["gossip:failure-detector:phi-convict-threshold"]);
        Assert.Equal("7000", configuration["remote:port"]);
        Assert.Equal("on", configuration["remote:mtu-discovery"]);
        Assert.Equal("false", configuration["remote:tls:enabled"]);
        Assert.Null(configuration["remote:tls:key"]);
        Assert.Equal(["0", "1"], configuration.GetSection("gossip:seeds").GetChildren().Select(c => c.Key).Order());
        Assert.Equal("7000", configuration.GetSection("REMOTE")["PORT"]);
    }

    [Fact]
    public void AddHoconFile_resolves_relative_paths_against_the_base_path_and_honours_optional()
    {
        _dir.Write("node.conf", "include \"common.conf\"\nremote.port = 7100");
        _dir.Write("common.conf", "remote.hostname = \"0.0.0.0\"");

        var configuration = new ConfigurationBuilder()
            .SetBasePath(_dir.Path)
            .AddHoconFile("node.conf", optional: false, TestConfig.NoEnvironment)
            .AddHoconFile("absent.conf", optional: true)
            .Build();
        Assert.Equal("7100", configuration["remote:port"]);
        Assert.Equal("0.0.0.0", configuration["remote:hostname"]);

        var required = new ConfigurationBuilder().SetBasePath(_dir.Path).AddHoconFile("absent.conf");
        var error = Assert.Throws<HoconParseException>(() => required.Build());
        Assert.Contains("absent.conf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_hocon_fails_the_build_with_the_location()
    {
        var builder = new ConfigurationBuilder().AddHoconString("a = [1,\nb = 2", TestConfig.NoEnvironment);
        var error = Assert.Throws<HoconParseException>(() => builder.Build());
        Assert.Equal("configuration string", error.File);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Environment_variables_and_command_line_added_later_override_hocon_keys()
    {
        var prefix = "GATEST" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "remote__port", "7200");
        Environment.SetEnvironmentVariable(prefix + "gossip__cluster-name", "FromEnv");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddHoconString(Sample, TestConfig.NoEnvironment)
                .AddEnvironmentVariables(prefix)
                .AddCommandLine(["--remote:port=7300"])
                .Build();
            Assert.Equal("7300", configuration["remote:port"]);
            Assert.Equal("FromEnv", configuration["gossip:cluster-name"]);
            Assert.Equal("on", configuration["remote:mtu-discovery"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "remote__port", null);
            Environment.SetEnvironmentVariable(prefix + "gossip__cluster-name", null);
        }
    }

    [Fact]
    public void AddHoconConfig_exposes_a_configuration_with_its_reference_defaults()
    {
        var user = HoconConfig.ParseString("remote.port = 7100", "user", TestConfig.NoEnvironment with { Resolve = false });
        var configuration = new ConfigurationBuilder().AddHoconConfig(HoconConfig.LoadWithDefaults(user)).Build();
        Assert.Equal("7100", configuration["remote:port"]);
        Assert.Equal("7199", configuration["admin:port"]);
        Assert.Equal("16MiB", configuration["remote:maximum-message-size"]);
    }

    [Fact]
    public void WithOverrides_sets_values_from_environment_style_keys()
    {
        var config = TestConfig.Parse(Sample);
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOSSIP:SEEDS"] = "10.1.0.1:7000, 10.1.0.2:7000",
            ["GOSSIP:FAILURE_DETECTOR:PHI_CONVICT_THRESHOLD"] = "12",
            ["Remote:Port"] = "7100",
            ["remote:tls:enabled"] = "true",
            ["gossip:application-states:role"] = "frontend",
            ["PATH"] = "/usr/bin",
        }).Build();

        var layered = config.WithOverrides(overrides);
        Assert.Equal(["10.1.0.1:7000", "10.1.0.2:7000"], layered.GetStringList("gossip.seeds"));
        Assert.Equal(12, layered.GetDouble("gossip.failure-detector.phi-convict-threshold"));
        Assert.Equal(7100, layered.GetInt("remote.port"));
        Assert.True(layered.GetBoolean("remote.tls.enabled"));
        Assert.Equal("frontend", layered.GetString("gossip.application-states.role"));
        Assert.Equal("Test", layered.GetString("gossip.cluster-name"));
        Assert.True(layered.GetBoolean("remote.mtu-discovery"));
        Assert.False(layered.HasPath("PATH"));
        Assert.Equal("configuration key Remote:Port", layered.GetValue("remote.port").Origin.Description);
    }

    [Fact]
    public void WithOverrides_replaces_whole_lists_from_index_children_or_hocon_list_text()
    {
        var config = TestConfig.Parse(Sample);
        var indexed = config.WithOverrides(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["gossip:seeds:0"] = "only:7000",
        }).Build());
        Assert.Equal(["only:7000"], indexed.GetStringList("gossip.seeds"));

        var hoconList = config.WithOverrides(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["gossip:seeds"] = "[\"x:1\", \"y:2\"]",
        }).Build());
        Assert.Equal(["x:1", "y:2"], hoconList.GetStringList("gossip.seeds"));

        var emptied = config.WithOverrides(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["gossip:seeds"] = "",
        }).Build());
        Assert.Empty(emptied.GetStringList("gossip.seeds"));
    }

    [Fact]
    public void WithOverrides_from_real_environment_and_command_line_follows_their_precedence()
    {
        var prefix = "GATEST" + Guid.NewGuid().ToString("N")[..8] + "_";
        Environment.SetEnvironmentVariable(prefix + "GOSSIP__SEEDS", "env:7000");
        Environment.SetEnvironmentVariable(prefix + "REMOTE__PORT", "7200");
        try
        {
            var overrides = new ConfigurationBuilder()
                .AddEnvironmentVariables(prefix)
                .AddCommandLine(["--remote:port", "7300"])
                .Build();
            var user = HoconConfig.ParseString("remote.port = 7100\ngossip.seeds = [\"file:7000\"]", "user", TestConfig.NoEnvironment with { Resolve = false });
            var effective = HoconConfig.LoadWithDefaults(user).WithOverrides(overrides);

            Assert.Equal(7300, effective.GetInt("remote.port"));
            Assert.Equal(["env:7000"], effective.GetStringList("gossip.seeds"));
            Assert.Equal(7199, effective.GetInt("admin.port"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "GOSSIP__SEEDS", null);
            Environment.SetEnvironmentVariable(prefix + "REMOTE__PORT", null);
        }
    }

    [Fact]
    public void WithOverrides_on_an_unresolved_configuration_uses_reference_conf_to_recognise_lists()
    {
        var user = HoconConfig.ParseString("remote.port = ${?PORT}", "user", TestConfig.NoEnvironment with { Resolve = false });
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GOSSIP:SEEDS"] = "a:1,b:2",
            ["remote:port"] = "7400",
        }).Build();
        var effective = HoconConfig.LoadWithDefaults(user.WithOverrides(overrides));
        Assert.Equal(["a:1", "b:2"], effective.GetStringList("gossip.seeds"));
        Assert.Equal(7400, effective.GetInt("remote.port"));
    }

    [Fact]
    public void Unknown_roots_can_be_let_through_on_request()
    {
        var overrides = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["custom:x"] = "1" }).Build();
        var config = TestConfig.Parse("a = 1");
        Assert.False(config.WithOverrides(overrides).HasPath("custom"));
        Assert.Equal(1, config.WithOverrides(overrides, knownRootsOnly: false).GetInt("custom.x"));
    }
}
