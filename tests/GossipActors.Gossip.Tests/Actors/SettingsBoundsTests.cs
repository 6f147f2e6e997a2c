using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>The upper bounds documented in reference.conf for gossip and the failure detector, and where errors point.</summary>
public sealed class SettingsBoundsTests
{
    private static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false, Resolve = false };

    private static GossipNodeSettings Bind(string text) => GossipNodeSettings.FromConfig(HoconConfig.ParseString(text, "node.conf", NoEnvironment));

    /// <summary>Each bound: the first value is refused naming the range and the line and column, the second (the bound) accepted.</summary>
    [Theory]
    [InlineData("gossip.interval", "61s", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.fanout", "11", "10", "auto or 1-10")]
    [InlineData("gossip.shadow-round-timeout", "100d", "10m", "more than 0 and at most 10m")]
    [InlineData("gossip.shadow-round-resend-interval", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.news-round-min-gap", "2m", "1m", "0-1m")]
    [InlineData("gossip.round-timeout", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.quarantine-delay", "2d", "1d", "more than 0 and at most 1d")]
    [InlineData("gossip.dead-endpoint-expiry", "31d", "30d", "more than 0 and at most 30d")]
    [InlineData("gossip.max-generation-drift", "3651d", "3650d", "more than 0 and at most 3650d")]
    [InlineData("gossip.echo-timeout", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.load-publish-interval", "2d", "1d", "more than 0 and at most 1d")]
    [InlineData("remote.maximum-message-size", "1GiB", "256MiB", "1KiB-256MiB")]
    [InlineData("gossip.failure-detector.evaluation-interval", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.failure-detector.heartbeat-interval", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.failure-detector.initial-interval", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.failure-detector.window-size", "100001", "100000", "1-100000")]
    [InlineData("gossip.failure-detector.observers", "1001", "1000", "0-1000")]
    [InlineData("gossip.failure-detector.max-interval", "11m", "10m", "more than 0 and at most 10m")]
    [InlineData("gossip.failure-detector.min-std-deviation", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("gossip.failure-detector.acceptable-heartbeat-pause", "11m", "10m", "0-10m")]
    [InlineData("gossip.failure-detector.local-pause-threshold", "11m", "10m", "more than 0 and at most 10m")]
    [InlineData("gossip.failure-detector.backlog-threshold", "2m", "1m", "0-1m")]
    [InlineData("gossip.failure-detector.flap-window", "2d", "1d", "more than 0 and at most 1d")]
    public void Every_bound_is_enforced_naming_the_setting_the_range_and_where_it_was_set(string path, string refused, string accepted, string range)
    {
        var line = $"{path} = {refused}";

        var error = Assert.Throws<ConfigException>(() => Bind("# a comment line\n" + line));

        Assert.Equal($"{path} = {refused} is out of range; accepted {range} (set at node.conf:2:{path.Length + 4})", error.Message);
        Bind($"{path} = {accepted}");
    }

    [Fact]
    public void Shadow_round_first_resend_is_bounded_by_1m_and_by_the_resend_cap()
    {
        var range = Assert.Throws<ConfigException>(() => Bind("gossip.shadow-round-first-resend-interval = 2m"));
        Assert.StartsWith("gossip.shadow-round-first-resend-interval = 2m is out of range; accepted more than 0 and at most 1m", range.Message, StringComparison.Ordinal);

        var cap = Assert.Throws<ConfigException>(() => Bind("# a comment line\ngossip.shadow-round-first-resend-interval = 2s"));
        Assert.Contains("gossip.shadow-round-first-resend-interval", cap.Message, StringComparison.Ordinal);
        Assert.Contains("must not be longer than gossip.shadow-round-resend-interval (1000 ms)", cap.Message, StringComparison.Ordinal);
        Assert.Contains("node.conf:2:", cap.Message, StringComparison.Ordinal);

        var settings = Bind("gossip { shadow-round-resend-interval = 1m, shadow-round-first-resend-interval = 1m }");
        Assert.Equal(TimeSpan.FromMinutes(1), settings.ShadowRoundFirstResendInterval);
        Assert.Equal(200, Bind(string.Empty).ToGossipSettings().ShadowRoundFirstResendMs);
    }

    [Fact]
    public void Every_problem_of_the_section_is_reported_at_once()
    {
        var error = Assert.Throws<ConfigException>(() => Bind("gossip { interval = 2h, fanout = 0, round-timeout = soon, failure-detector.model = gaussian }"));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("gossip.interval = 2h is out of range", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gossip.fanout = 0 is out of range", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gossip.round-timeout: expected duration", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("gossip.failure-detector.model = 'gaussian' is not a known model", StringComparison.Ordinal) && l.EndsWith("(set at node.conf:1:84)", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed_and_threshold_errors_name_where_they_were_set()
    {
        var seed = Assert.Throws<ConfigException>(() => Bind("gossip.seeds = [\"10.0.0.1:7000\", \"nohost\"]"));
        Assert.StartsWith("gossip.seeds[1] 'nohost' is not HOST:PORT", seed.Message, StringComparison.Ordinal);
        Assert.EndsWith("(set at node.conf:1:34)", seed.Message, StringComparison.Ordinal);

        var threshold = Assert.Throws<FailureDetectorSettingsException>(() => Bind("\ngossip.failure-detector.phi-convict-threshold = 17"));
        Assert.EndsWith("(set at node.conf:2:49)", threshold.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_state_in_the_configuration_larger_than_a_message_is_refused_naming_the_size_and_the_limit()
    {
        var big = new string('x', 3000);

        var error = Assert.Throws<ConfigException>(() => Bind($"remote.maximum-message-size = 2KiB\ngossip.application-states {{ blob = \"{big}\" }}"));

        Assert.StartsWith("gossip.application-states.\"blob\" application state 'blob' (3000 characters) would make this node's state ", error.Message, StringComparison.Ordinal);
        Assert.Contains("remote.maximum-message-size = 2048 bytes", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(set at node.conf:2:36)", error.Message, StringComparison.Ordinal);
        Assert.Equal(big.Length, Bind($"gossip.application-states {{ blob = \"{big}\" }}").ApplicationStates["blob"].Length);
    }
}
