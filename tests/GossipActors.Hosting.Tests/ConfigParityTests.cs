using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Issue 15 item 4: nodes gossip a fingerprint of their cluster-wide settings and name the ones that differ.</summary>
public sealed class ConfigParityTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false };

    [Fact]
    public async Task A_peer_with_another_gossip_interval_is_grouped_apart_named_in_describecluster_and_warned_about()
    {
        using var logs = new CapturingLoggerProvider();
        await using var seed = await TestNode.StartAsync(logs: logs);
        await using var agreeing = await TestNode.StartAsync(seed: seed.GossipAddress);
        await using var drifting = await TestNode.StartAsync(seed: seed.GossipAddress, configure: g => g.Set("gossip.interval", "700ms"));

        var cluster = await Eventually.ValueAsync(
            () => seed.Admin.DescribeClusterAsync(),
            c => c.ConfigVersions is { Count: 2 } groups && groups.Sum(g => g.Endpoints.Count) == 3,
            "describecluster with two configuration groups covering the three nodes");
        Assert.True(cluster.ConfigDrift);
        var own = cluster.ConfigVersions![0];
        Assert.Equal(new[] { agreeing.GossipAddress, seed.GossipAddress }.Order(), own.Endpoints.Order());
        Assert.Empty(own.DiffersIn);
        var apart = cluster.ConfigVersions[1];
        Assert.Equal([drifting.GossipAddress], apart.Endpoints);
        Assert.Equal(["gossip.interval"], apart.DiffersIn);

        var warning = await Eventually.ValueAsync(
            () => Task.FromResult(logs.Lines.FirstOrDefault(l => l.Message.Contains("configuration drift", StringComparison.Ordinal))),
            l => l is not null,
            "the seed's configuration drift warning");
        Assert.Contains(drifting.GossipAddress, warning!.Message, StringComparison.Ordinal);
        Assert.Contains("gossip.interval", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("configuration drift", StringComparison.Ordinal) && l.Message.Contains(agreeing.GossipAddress, StringComparison.Ordinal));
    }

    [Fact]
    public void Equal_settings_written_differently_agree_and_each_difference_is_named()
    {
        var baseline = Fingerprint("gossip.seeds = [\"10.0.0.1:7000\", \"10.0.0.2:7000\"]\ngossip.interval = 1s\nremote.keyring.keys = [\"a\"]");
        var sameInOtherWords = Fingerprint("gossip.seeds = [\"10.0.0.2:7000\", \"10.0.0.1:7000\"]\ngossip.interval = 1000ms\nremote.keyring.keys = [\"b\"]");
        Assert.Equal(baseline.ToString(), sameInOtherWords.ToString());
        Assert.Empty(baseline.DifferingSettings(sameInOtherWords));

        var other = Fingerprint("gossip.seeds = [\"10.0.0.1:7000\"]\ngossip.interval = 1s\ngossip.failure-detector.phi-convict-threshold = 12\nremote.keyring.keys = []");
        Assert.Equal(["gossip.seeds", "gossip.failure-detector.phi-convict-threshold", "remote.keyring"], baseline.DifferingSettings(other));
    }

    [Fact]
    public void The_gossiped_form_reads_back_and_anything_else_is_refused()
    {
        var fingerprint = Fingerprint(string.Empty);
        Assert.True(ClusterSettingsFingerprint.TryParse(fingerprint.ToString(), out var read));
        Assert.Equal(fingerprint.ToString(), read!.ToString());
        Assert.Empty(fingerprint.DifferingSettings(read));
        foreach (var garbage in new[] { null, string.Empty, "1;xyz;", "1;0123abcd;abc", "x;0123abcd;abcd", "1;0123ABCD;abcd" })
        {
            Assert.False(ClusterSettingsFingerprint.TryParse(garbage, out _), garbage);
        }

        Assert.True(ClusterSettingsFingerprint.TryParse($"3;0123abcd;{new string('0', 4 * ClusterSettingsFingerprint.Settings.Count)}", out var later));
        Assert.Equal(["(another list of compared settings: version 3, this node's 2)"], fingerprint.DifferingSettings(later!));
    }

    [Fact]
    public void An_application_state_named_UNREACHABLE_is_refused_naming_the_setting()
    {
        var error = Assert.ThrowsAny<Exception>(() => GossipNodeSettings.FromConfig(Config("gossip.application-states.UNREACHABLE = \"10.0.0.1:7000@1\"")));
        Assert.Contains("gossip.application-states.\"UNREACHABLE\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_state_named_CONFIG_is_refused_naming_the_setting()
    {
        var error = Assert.ThrowsAny<Exception>(() => GossipNodeSettings.FromConfig(Config("gossip.application-states.CONFIG = \"mine\"")));
        Assert.Contains("gossip.application-states.\"CONFIG\"", error.Message, StringComparison.Ordinal);
    }

    private static ClusterSettingsFingerprint Fingerprint(string hocon) => GossipNodeSettings.FromConfig(Config(hocon)).ClusterSettings!;

    private static Config Config(string hocon) => HoconConfig.ParseString("gossip.data-dir = \"\"\n" + hocon, "test", NoEnvironment);
}
