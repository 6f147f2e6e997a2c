using GossipActors.Protocol.Security;
using Xunit;

namespace GossipActors.Protocol.Tests.Security;

public sealed class SequenceWindowTests
{
    [Fact]
    public void Every_number_is_accepted_once_in_any_order_and_the_floor_follows_the_lowest_missing()
    {
        var window = new SequenceWindow();
        var order = new long[] { 4, 2, 0, 3, 1, 7, 5, 6 };

        foreach (var n in order)
        {
            Assert.True(window.TryAccept(n, out var problem), problem);
        }

        Assert.Equal(8, window.Floor);
        Assert.All(order, n => Assert.False(window.TryAccept(n, out _)));
    }

    [Fact]
    public void A_number_inside_a_run_above_the_floor_is_a_replay()
    {
        var window = new SequenceWindow();
        Assert.True(window.TryAccept(5, out _));
        Assert.True(window.TryAccept(6, out _));

        Assert.False(window.TryAccept(5, out var problem));
        Assert.Equal("message 5 was already received (replayed)", problem);
        Assert.Equal(0, window.Floor);
    }

    [Fact]
    public void A_sender_leaving_more_gaps_than_allowed_is_refused()
    {
        var window = new SequenceWindow(maximumRuns: 3);
        foreach (var n in new long[] { 2, 4, 6 })
        {
            Assert.True(window.TryAccept(n, out _));
        }

        Assert.True(window.TryAccept(7, out _));
        Assert.False(window.TryAccept(9, out var problem));
        Assert.Contains("more than 3 gaps", problem, StringComparison.Ordinal);
    }
}
