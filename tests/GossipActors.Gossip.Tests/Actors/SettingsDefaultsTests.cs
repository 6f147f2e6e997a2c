using System.Reflection;
using System.Runtime.CompilerServices;
using GossipActors.TestKit;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// reference.conf is the only place a default lives: settings made in code are bound like a file, so values that
/// follow the gossip interval follow it, and no settings type can supply a value of its own.
/// </summary>
public sealed class SettingsDefaultsTests : DeterministicTestKit
{
    public SettingsDefaultsTests() : base(seed: 5) { }

    [Fact]
    public void An_interval_set_in_code_moves_the_failure_detectors_auto_intervals()
    {
        var settings = GossipNodeSettings.FromConfig(HoconConfig.ParseString("gossip.interval = 250ms"));
        var gossipFed = GossipNodeSettings.FromConfig(HoconConfig.ParseString("gossip { interval = 250ms, failure-detector.heartbeats = gossip }"));

        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.Interval);
        Assert.Equal(250, settings.ToGossipSettings().IntervalMs);
        // With direct heartbeats the evaluations follow the heartbeat interval (500 ms / 5), with gossip's the gossip interval.
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.FailureDetector.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), gossipFed.FailureDetector.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.FailureDetector.InitialInterval);
    }

    [Fact]
    public void A_heartbeat_interval_set_in_code_moves_the_evaluation_interval()
    {
        var settings = GossipNodeSettings.FromConfig(HoconConfig.ParseString("gossip.failure-detector.heartbeat-interval = 1s"));

        Assert.Equal(TimeSpan.FromSeconds(1), settings.FailureDetector.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(200), settings.FailureDetector.EvaluationInterval);
    }

    [Fact]
    public void A_node_started_with_a_250_ms_interval_and_gossip_heartbeats_runs_its_detector_every_250_ms()
    {
        using var cluster = new ActorCluster(this);
        var address = ActorCluster.AddressOf(1);

        var node = cluster.Add(address, ActorCluster.Settings([address], hocon: "gossip { interval = 250ms, failure-detector.heartbeats = gossip }"));

        Assert.Equal(TimeSpan.FromMilliseconds(250), node.Runtime.Timings.Interval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), node.Runtime.FailureDetector.Settings.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), node.Runtime.FailureDetector.Settings.InitialInterval);
    }

    [Fact]
    public void Every_value_of_an_empty_configuration_is_reference_confs()
    {
        var reference = HoconConfig.Reference;

        var settings = GossipNodeSettings.FromConfig(HoconConfig.Empty);

        Assert.Equal(reference.GetString("gossip.cluster-name"), settings.ClusterName);
        Assert.Equal("auto", reference.GetString("gossip.fanout"));
        Assert.Equal(1, settings.Fanout);
        Assert.Equal(reference.GetDuration("gossip.quarantine-delay"), settings.QuarantineDelay);
        Assert.Equal(reference.GetDuration("gossip.load-publish-interval"), settings.LoadPublishInterval);
        Assert.Equal(reference.GetDuration("gossip.clock-skew-warning"), settings.ClockSkewWarning);
        Assert.Equal(reference.GetDouble(FailureDetectorSettingKeys.PhiConvictThreshold), settings.FailureDetector.PhiConvictThreshold);
        Assert.Equal(reference.GetDuration(FailureDetectorSettingKeys.FlapWindow), settings.FailureDetector.FlapWindow);
    }

    [Theory]
    [InlineData("gossip.clock-skew-warning = 0ms", "gossip.clock-skew-warning")]
    [InlineData("gossip.clock-skew-warning = 2h", "gossip.clock-skew-warning")]
    [InlineData("gossip.clock-skew-warning = lots", "gossip.clock-skew-warning")]
    public void Clock_skew_warning_is_50_ms_by_default_and_a_bad_value_names_the_key(string hocon, string key)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(50), GossipNodeSettings.FromConfig(HoconConfig.Empty).ClockSkewWarning);
        Assert.Equal(50, GossipNodeSettings.FromConfig(HoconConfig.Empty).ToGossipSettings().ClockSkewWarningMs);
        var error = Assert.Throws<ConfigException>(() => GossipNodeSettings.FromConfig(HoconConfig.ParseString(hocon)));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_settings_exist_only_through_the_binding()
    {
        var type = typeof(GossipNodeSettings);

        Assert.Empty(type.GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p => Assert.Null(p.SetMethod));
        Assert.DoesNotContain(type.GetProperties(BindingFlags.Public | BindingFlags.Static), p => p.PropertyType == type);
    }

    [Theory]
    [InlineData(typeof(GossipSettings))]
    [InlineData(typeof(FailureDetectorSettings))]
    public void Core_settings_have_no_value_of_their_own(Type type)
    {
        // A property that is not required could be left out by whoever builds the record, and take a default.
        Assert.All(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), p =>
            Assert.True(p.IsDefined(typeof(RequiredMemberAttribute)), $"{type.Name}.{p.Name} is not required"));
        Assert.DoesNotContain(type.GetProperties(BindingFlags.Public | BindingFlags.Static), p => p.PropertyType == type);
    }
}
