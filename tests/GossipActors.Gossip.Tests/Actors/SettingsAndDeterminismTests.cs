using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class SettingsAndDeterminismTests
{
    [Fact]
    public void Settings_bind_from_hocon_over_reference_defaults()
    {
        var config = HoconConfig.ParseString("""
            gossip {
              cluster-name = prod
              seeds = ["10.0.0.1:7000", "[::1]:7001"]
              interval = 500ms
              data-dir = ""
              application-states { ROLE = frontend }
              failure-detector { model = normal, phi-convict-threshold = 10 }
            }
            """);
        var settings = GossipNodeSettings.FromConfig(config);

        Assert.Equal("prod", settings.ClusterName);
        Assert.Equal([new EndpointAddress("10.0.0.1", 7000), new EndpointAddress("::1", 7001)], settings.Seeds);
        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.Interval);
        Assert.Null(settings.DataDir);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.RoundTimeout);           // reference default
        Assert.Equal(TimeSpan.FromDays(3), settings.DeadEndpointExpiry);
        Assert.Equal("frontend", settings.ApplicationStates["ROLE"]);
        Assert.Equal(PhiModelKind.Normal, settings.FailureDetector.Model);
        Assert.Equal(10, settings.FailureDetector.PhiConvictThreshold);
        Assert.Equal(TimeSpan.FromMilliseconds(3800), settings.FailureDetector.AcceptableHeartbeatPause);  // reference default
    }

    [Theory]
    [InlineData("gossip.failure-detector.phi-convict-threshold = 4", "gossip.failure-detector.phi-convict-threshold")]
    [InlineData("gossip.failure-detector.phi-convict-threshold = 17", "5-16")]
    public void Threshold_outside_five_to_sixteen_refuses_to_start_naming_the_setting(string text, string expected)
    {
        var error = Assert.Throws<FailureDetectorSettingsException>(() => GossipNodeSettings.FromConfig(HoconConfig.ParseString(text)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gossip.seeds = [\"10.0.0.1\"]", "gossip.seeds[0]")]
    [InlineData("gossip.interval = 0s", "gossip.interval")]
    [InlineData("gossip.fanout = 0", "gossip.fanout = 0 is out of range; accepted auto or 1-10")]
    [InlineData("gossip.fanout = 11", "gossip.fanout = 11 is out of range; accepted auto or 1-10")]
    [InlineData("gossip.fanout = many", "gossip.fanout = 'many' is not a number of peers; accepted auto or 1-10")]
    [InlineData("gossip.failure-detector.evaluation-interval = soon", "gossip.failure-detector.evaluation-interval")]
    [InlineData("gossip.failure-detector.initial-interval = automatic", "gossip.failure-detector.initial-interval")]
    [InlineData("gossip.round-timeout = soon", "gossip.round-timeout")]
    [InlineData("gossip.failure-detector.model = gaussian", "gossip.failure-detector.model")]
    [InlineData("gossip.failure-detector.heartbeats = udp", "gossip.failure-detector.heartbeats = 'udp' is not a known heartbeat source; accepted values are direct, gossip")]
    [InlineData("gossip.failure-detector.heartbeat-interval = 0s", "gossip.failure-detector.heartbeat-interval")]
    public void Bad_values_are_refused_naming_the_setting(string text, string expected)
    {
        var error = Assert.ThrowsAny<Exception>(() => GossipNodeSettings.FromConfig(HoconConfig.ParseString(text)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1)]
    [InlineData("gossip.failure-detector.heartbeats = gossip", 2)]
    [InlineData("gossip.fanout = auto\ngossip.failure-detector.heartbeats = direct", 1)]
    [InlineData("gossip.fanout = 1\ngossip.failure-detector.heartbeats = gossip", 1)]
    [InlineData("gossip.fanout = 2", 2)]
    [InlineData("gossip.fanout = 3", 3)]
    public void Fanout_reaches_the_core(string text, int expected) =>
        Assert.Equal(expected, GossipNodeSettings.FromConfig(HoconConfig.ParseString(text)).ToGossipSettings().Fanout);

    [Theory]
    [InlineData("", 1000, 2000)]
    [InlineData("gossip.interval = 500ms", 500, 1000)]
    [InlineData("gossip.interval = 2s", 2000, 4000)]
    [InlineData("gossip.interval = 500ms\ngossip.failure-detector.evaluation-interval = 250ms", 250, 1000)]
    [InlineData("gossip.interval = 500ms\ngossip.failure-detector.initial-interval = 3s", 500, 3000)]
    public void With_gossip_heartbeats_evaluation_and_initial_interval_follow_the_gossip_interval_unless_set(string text, int evaluationMs, int initialMs)
    {
        var detector = GossipNodeSettings.FromConfig(HoconConfig.ParseString(text + "\ngossip.failure-detector.heartbeats = gossip")).FailureDetector;

        Assert.Equal(TimeSpan.FromMilliseconds(evaluationMs), detector.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(initialMs), detector.InitialInterval);
    }

    [Fact]
    public void Same_seed_gives_the_same_history()
    {
        var first = Run.History(seed: 41);
        var second = Run.History(seed: 41);
        var other = Run.History(seed: 42);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    /// <summary>A fresh deterministic world per call: 8 nodes join, one changes state, one crashes.</summary>
    private sealed class Run : DeterministicTestKit
    {
        private Run(int seed) : base(seed: seed) { }

        public static string History(int seed)
        {
            using var kit = new Run(seed);
            using var cluster = new ActorCluster(kit, new Transport.SimulatedNetworkOptions { LatencyMs = 2, JitterMs = 5, LossProbability = 0.02 }, seed);
            var addresses = cluster.StartConverged(kit, 8);
            cluster.Nodes[addresses[5]].SetApplicationState("K", "v");
            kit.Time.Advance(TimeSpan.FromSeconds(5));
            cluster.Crash(addresses[7]);
            kit.Time.Advance(TimeSpan.FromSeconds(40));
            return string.Join('\n', addresses.Take(7).SelectMany(a => cluster.Events[a].Select(e => $"{e.At.ToUnixTimeMilliseconds()} {e}")))
                + $"\nbytes {cluster.Network.TotalBytesSent}";
        }
    }
}
