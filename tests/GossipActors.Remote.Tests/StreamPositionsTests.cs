using GossipActors.Remote.Transport;
using Xunit;

namespace GossipActors.Remote.Tests;

public sealed class StreamPositionsTests
{
    [Fact]
    public void Payloads_completing_out_of_order_are_each_delivered_once_and_a_replay_of_any_of_them_is_dropped()
    {
        var positions = new StreamPositions();

        // 2 is a large payload that the small 3 and 4 overtake.
        Assert.True(positions.FirstTime(1));
        Assert.True(positions.FirstTime(3));
        Assert.True(positions.FirstTime(4));
        Assert.True(positions.FirstTime(2));

        // After a resume the sender replays what it could not confirm.
        Assert.False(positions.FirstTime(2));
        Assert.False(positions.FirstTime(3));
        Assert.True(positions.FirstTime(5));
        Assert.False(positions.FirstTime(5));
    }

    [Fact]
    public void Unnumbered_payloads_are_always_delivered()
    {
        var positions = new StreamPositions();

        Assert.True(positions.FirstTime(0));
        Assert.True(positions.FirstTime(0));
    }
}
