using GossipActors.Hocon;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class RemoteSettingsBinderTests
{
    [Fact]
    public void The_transport_refuses_a_message_size_by_the_same_rule_as_the_serializer_naming_where_it_was_set()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind("remote.maximum-message-size = 512"));

        Assert.Equal("remote.maximum-message-size = 512 is out of range; accepted 1KiB-256MiB (set at settings built in code:1:31)", error.Message);
        Assert.Equal(2 << 20, RemoteSettingsBinder.Bind("remote.maximum-message-size = 2MiB").MaximumMessageSize);
        Assert.Equal(256 << 20, RemoteSettingsBinder.Bind("remote.maximum-message-size = 256MiB").MaximumMessageSize);
    }

    [Fact]
    public void Every_wrong_remote_setting_is_named_in_one_run_not_only_the_first()
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind("remote { stall-timeout = 1h, connect-timeout = 1h, max-unauthenticated-connections = 0 }"));

        var lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("remote.stall-timeout = 1h is out of range;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("remote.connect-timeout = 1h is out of range;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("remote.max-unauthenticated-connections = 0 is out of range;", StringComparison.Ordinal));
    }

    /// <summary>Each bound documented in reference.conf: the first value is refused, the second (the bound) accepted.</summary>
    [Theory]
    [InlineData("remote.maximum-message-size", "257MiB", "256MiB", "1KiB-256MiB")]
    [InlineData("remote.reassembly-buffer-limit", "2GiB", "1GiB", "1KiB-1GiB")]
    [InlineData("remote.max-unauthenticated-connections", "65537", "65536", "1-65536")]
    [InlineData("remote.unauthenticated-buffer-limit", "2MiB", "1MiB", "1KiB-1MiB")]
    [InlineData("remote.flood-release-after", "1000001", "1000000", "0-1000000")]
    [InlineData("remote.message-progress-timeout", "11m", "10m", "more than 0 and at most 10m")]
    [InlineData("remote.stall-timeout", "11m", "10m", "more than 0 and at most 10m")]
    [InlineData("remote.stall-check-interval", "61s", "1m", "more than 0 and at most 1m")]
    [InlineData("remote.connect-timeout", "6m", "5m", "more than 0 and at most 5m")]
    [InlineData("remote.handshake-timeout", "0s", "5m", "more than 0 and at most 5m")]
    [InlineData("remote.backoff.min", "2m", "1m", "more than 0 and at most 1m")]
    [InlineData("remote.backoff.max", "1h", "10m", "more than 0 and at most 10m")]
    [InlineData("remote.idle-keepalive-interval", "1d", "10m", "more than 0 and at most 10m")]
    [InlineData("remote.mtu", "70000", "65535", "auto and 1280-65535")]
    [InlineData("remote.port", "65536", "65535", "1-65535")]
    public void Every_remote_bound_is_enforced_naming_the_setting_and_where_it_was_set(string path, string refused, string accepted, string range)
    {
        var error = Assert.Throws<ConfigException>(() => RemoteSettingsBinder.Bind($"{path} = {refused}"));

        Assert.StartsWith($"{path} = {refused} is out of range;", error.Message, StringComparison.Ordinal);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
        Assert.EndsWith("(set at settings built in code:1:" + (path.Length + 4) + ")", error.Message, StringComparison.Ordinal);
        RemoteSettingsBinder.Bind($"{path} = {accepted}");
    }
}
