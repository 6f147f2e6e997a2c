using GossipActors.ClusterComparison.AkkaNode;
using Xunit;

namespace GossipActors.ClusterComparison.Tests;

public sealed class AkkaNodeEventTests
{
    [Fact]
    public void A_line_the_node_writes_is_read_back_as_the_same_event()
    {
        var written = new AkkaNodeEvent(AkkaNodeEvent.Unreachable, "127.0.0.1:4001", 1764870000123);

        Assert.True(AkkaNodeEvent.TryParse(written.ToJsonLine(), out var read, out var error));
        Assert.Null(error);
        Assert.Equal(written, read);
    }

    [Theory]
    [InlineData("[WARNING][12/04/2026 17:51:21.000Z][Thread 0001] Association with remote system failed")]
    [InlineData("")]
    public void Akkas_own_log_lines_are_not_events_and_not_errors(string line)
    {
        Assert.False(AkkaNodeEvent.TryParse(line, out var read, out var error));
        Assert.Null(read);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("{\"event\":\"exploded\",\"member\":\"127.0.0.1:1\",\"unixMs\":1}", "unknown event 'exploded'")]
    [InlineData("{\"event\":\"up\",\"unixMs\":1}", "without a 'member'")]
    [InlineData("{\"event\":\"up\",\"member\":\"127.0.0.1:1\",\"unixMs\":\"soon\"}", "'unixMs'")]
    [InlineData("{\"event\":\"up\",\"member\":", "not valid JSON")]
    public void A_malformed_event_line_is_an_error_that_names_the_problem(string line, string expected)
    {
        Assert.False(AkkaNodeEvent.TryParse(line, out var read, out var error));
        Assert.Null(read);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
