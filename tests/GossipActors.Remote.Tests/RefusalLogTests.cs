using System.Net;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class RefusalLogTests
{
    private static readonly long Minute = (long)RefusalLog.Interval.TotalMilliseconds;

    [Fact]
    public void An_address_is_logged_once_a_minute_and_the_next_line_counts_what_was_left_out()
    {
        var log = new RefusalLog();
        var peer = IPAddress.Parse("10.0.0.7");

        Assert.True(log.ShouldLog(peer, 0, out var first));
        Assert.False(log.ShouldLog(peer, 1_000, out _));
        Assert.False(log.ShouldLog(peer, Minute - 1, out _));
        Assert.True(log.ShouldLog(IPAddress.Parse("10.0.0.8"), 2_000, out _));
        Assert.True(log.ShouldLog(peer, Minute, out var later));

        Assert.Equal(0, first);
        Assert.Equal(2, later);
        Assert.Equal(" (2 more refused from this address in the last minute, not logged)", RefusalLog.Unlogged(later));
    }

    [Fact]
    public void Past_the_address_limit_new_addresses_share_one_line_a_minute()
    {
        var log = new RefusalLog();
        for (var i = 0; i < RefusalLog.MaximumAddresses; i++)
        {
            Assert.True(log.ShouldLog(new IPAddress(0x0A000000u + (uint)i), 0, out _));
        }

        Assert.True(log.ShouldLog(IPAddress.Parse("192.168.1.1"), 10, out _));
        Assert.False(log.ShouldLog(IPAddress.Parse("192.168.1.2"), 20, out _));

        // A minute later the old entries are forgotten and a new address gets its own line again.
        Assert.True(log.ShouldLog(IPAddress.Parse("192.168.1.3"), Minute + 10, out _));
        Assert.True(log.ShouldLog(IPAddress.Parse("192.168.1.4"), Minute + 20, out _));
    }
}
