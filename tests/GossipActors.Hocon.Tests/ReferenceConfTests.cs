using System.Text.RegularExpressions;
using GossipActors.Hocon.Tests.Support;

namespace GossipActors.Hocon.Tests;

/// <summary>hocon/reference.conf: the single list of runtime settings, embedded in the assembly.</summary>
public sealed partial class ReferenceConfTests
{
    private static readonly Config Reference = HoconConfig.Reference;

    [Fact]
    public void Embedded_text_is_the_repository_file()
    {
        var repository = SharedSuite.RepositoryRoot;
        Assert.NotNull(repository);
        Assert.Equal(File.ReadAllText(Path.Combine(repository, "hocon", "reference.conf")), HoconConfig.ReferenceText);
    }

    [Fact]
    public void Top_level_groups_are_exactly_the_documented_ones()
    {
        Assert.Equal(["gossip", "remote", "akka", "admin"], Reference.Root.Keys);
        Assert.Equal(HoconValueType.Object, Reference.GetValue("gossip.failure-detector").Type);
    }

    [Theory]
    [InlineData("akka.actor.ask-timeout", "5s")]
    [InlineData("akka.remote.retry-gate-closed-for", "1s")]
    [InlineData("akka.remote.use-passive-connections", "off")]
    [InlineData("gossip.cluster-name", "GossipActors")]
    [InlineData("gossip.interval", "1s")]
    [InlineData("gossip.fanout", "auto")]
    [InlineData("remote.heartbeat-datagrams", "auto")]
    [InlineData("gossip.new-cluster", "off")]
    [InlineData("gossip.data-dir", "data")]
    [InlineData("gossip.override-decommission", "off")]
    [InlineData("gossip.discard-corrupt-state", "off")]
    [InlineData("gossip.shadow-round-timeout", "30s")]
    [InlineData("gossip.shadow-round-resend-interval", "1s")]
    [InlineData("gossip.shadow-round-first-resend-interval", "200ms")]
    [InlineData("gossip.news-round-min-gap", "100ms")]
    [InlineData("gossip.round-timeout", "2s")]
    [InlineData("gossip.quarantine-delay", "60s")]
    [InlineData("gossip.dead-endpoint-expiry", "3d")]
    [InlineData("gossip.max-generation-drift", "365d")]
    [InlineData("gossip.echo-timeout", "2s")]
    [InlineData("gossip.dc", "dc1")]
    [InlineData("gossip.rack", "rack1")]
    [InlineData("gossip.failure-detector.heartbeats", "direct")]
    [InlineData("gossip.failure-detector.heartbeat-interval", "500ms")]
    [InlineData("gossip.failure-detector.observers", "auto")]
    [InlineData("gossip.failure-detector.model", "auto")]
    [InlineData("gossip.failure-detector.phi-convict-threshold", "8")]
    [InlineData("gossip.failure-detector.evaluation-interval", "auto")]
    [InlineData("gossip.failure-detector.window-size", "1000")]
    [InlineData("gossip.failure-detector.initial-interval", "auto")]
    [InlineData("gossip.failure-detector.max-interval", "30s")]
    [InlineData("gossip.failure-detector.min-std-deviation", "100ms")]
    [InlineData("gossip.failure-detector.acceptable-heartbeat-pause", "3.8s")]
    [InlineData("gossip.failure-detector.local-pause-threshold", "5s")]
    [InlineData("gossip.failure-detector.backlog-threshold", "1s")]
    [InlineData("gossip.failure-detector.flap-window", "10m")]
    [InlineData("remote.hostname", "127.0.0.1")]
    [InlineData("remote.port", "7000")]
    [InlineData("remote.broadcast-address", "")]
    [InlineData("remote.mtu", "auto")]
    [InlineData("remote.mtu-discovery", "on")]
    [InlineData("remote.stall-timeout", "5s")]
    [InlineData("remote.maximum-message-size", "16MiB")]
    [InlineData("remote.reassembly-buffer-limit", "64MiB")]
    [InlineData("remote.connect-timeout", "5s")]
    [InlineData("remote.backoff.min", "200ms")]
    [InlineData("remote.backoff.max", "10s")]
    [InlineData("remote.idle-keepalive-interval", "5s")]
    [InlineData("remote.tcp-keepalive", "off")]
    [InlineData("remote.compression", "none")]
    [InlineData("remote.tls.enabled", "off")]
    [InlineData("remote.tls.certificate", "")]
    [InlineData("remote.tls.key", "")]
    [InlineData("remote.tls.ca", "")]
    [InlineData("admin.enabled", "on")]
    [InlineData("admin.hostname", "127.0.0.1")]
    [InlineData("admin.port", "7199")]
    public void Every_required_setting_has_its_default(string path, string expected)
    {
        Assert.Equal(expected, Reference.GetString(path));
    }

    [Fact]
    public void Defaults_read_with_their_types()
    {
        Assert.Empty(Reference.GetStringList("gossip.seeds"));
        Assert.Empty(Reference.GetObject("gossip.application-states"));
        Assert.Equal(TimeSpan.FromDays(3), Reference.GetDuration("gossip.dead-endpoint-expiry"));
        Assert.Equal(TimeSpan.FromMinutes(10), Reference.GetDuration("gossip.failure-detector.flap-window"));
        Assert.Equal(16L << 20, Reference.GetBytes("remote.maximum-message-size"));
        Assert.Equal(64L << 20, Reference.GetBytes("remote.reassembly-buffer-limit"));
        Assert.True(Reference.GetBoolean("remote.mtu-discovery"));
        Assert.False(Reference.GetBoolean("remote.tls.enabled"));
        Assert.Equal(8.0, Reference.GetDouble("gossip.failure-detector.phi-convict-threshold"));
    }

    [Fact]
    public void Every_setting_has_a_comment_on_the_line_above()
    {
        var lines = HoconConfig.ReferenceText.Split('\n');
        var undocumented = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (!Setting().IsMatch(line))
            {
                continue;
            }

            var previous = i > 0 ? lines[i - 1].Trim() : string.Empty;
            if (!previous.StartsWith('#'))
            {
                undocumented.Add($"line {i + 1}: {line}");
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Defaults_sit_under_user_settings()
    {
        var user = HoconConfig.ParseString("remote.mtu = 1422\ngossip.seeds = [\"10.0.0.1:7000\"]\nlocal = ${remote.port}", "app.conf", TestConfig.NoEnvironment with { Resolve = false });
        var config = HoconConfig.LoadWithDefaults(user);
        Assert.Equal(1422, config.GetInt("remote.mtu"));
        Assert.Equal(["10.0.0.1:7000"], config.GetStringList("gossip.seeds"));
        Assert.Equal(7000, config.GetInt("local"));
        Assert.Equal(7199, config.GetInt("admin.port"));
        Assert.Equal("app.conf", config.GetValue("remote.mtu").Origin.Description);
        Assert.Equal("reference.conf", config.GetValue("remote.port").Origin.Description);

        var resolvedUser = HoconConfig.ParseString("remote.mtu = 1400", "app.conf", TestConfig.NoEnvironment);
        Assert.Equal(1400, HoconConfig.LoadWithDefaults(resolvedUser).GetInt("remote.mtu"));
    }

    [Fact]
    public void User_settings_that_are_not_in_the_reference_can_be_listed()
    {
        var user = HoconConfig.ParseString("remote.mtu = 1422\nremote.prot = 7100", "app.conf", TestConfig.NoEnvironment);
        var unknown = user.Entries.Select(e => e.Key).Where(path => !Reference.HasPath(path)).ToList();
        Assert.Equal(["remote.prot"], unknown);
    }

    [Fact]
    public void LoadFile_reads_a_file_over_the_defaults()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("node.conf", "admin.port = 8199");
        var config = HoconConfig.LoadFile(file, TestConfig.NoEnvironment);
        Assert.Equal(8199, config.GetInt("admin.port"));
        Assert.Equal(7000, config.GetInt("remote.port"));
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]*\s*=\s*(?!\{)\S")]
    private static partial Regex Setting();
}
