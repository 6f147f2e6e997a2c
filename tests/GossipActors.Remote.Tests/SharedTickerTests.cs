using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>Connections' stall checks share one timer per clock and interval; each still runs on every interval's tick.</summary>
public sealed class SharedTickerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Every_subscriber_runs_once_per_interval_on_one_timer()
    {
        var clock = new VirtualClock();
        var first = new List<TimeSpan>();
        var second = new List<TimeSpan>();
        using var a = SharedTicker.Subscribe(clock, Interval, () => first.Add(clock.Elapsed));
        using var b = SharedTicker.Subscribe(clock, Interval, () => second.Add(clock.Elapsed));
        Assert.Equal(1, clock.PendingTimerCount);

        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Empty(first);

        clock.Advance(TimeSpan.FromMilliseconds(501));
        Assert.Equal([250, 500, 750], first.Select(t => (int)t.TotalMilliseconds));
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_tick_that_comes_while_the_last_one_still_runs_runs_right_after_it_and_only_one_is_kept()
    {
        var clock = new VirtualClock();
        var runs = new List<TimeSpan>();
        var inside = false;
        using var subscription = SharedTicker.Subscribe(clock, Interval, () =>
        {
            Assert.False(inside, "ticks of one subscriber overlapped");
            inside = true;
            runs.Add(clock.Elapsed);
            if (runs.Count == 1)
            {
                // Three more ticks fall due while the first is still being checked.
                clock.Advance(Interval * 3);
            }

            inside = false;
        });

        clock.Advance(Interval);
        Assert.Equal([250, 1000], runs.Select(t => (int)t.TotalMilliseconds));

        clock.Advance(Interval);
        Assert.Equal([250, 1000, 1250], runs.Select(t => (int)t.TotalMilliseconds));
    }

    [Fact]
    public void A_disposed_subscriber_is_not_run_and_the_others_are()
    {
        var clock = new VirtualClock();
        var gone = 0;
        var kept = 0;
        var leaving = SharedTicker.Subscribe(clock, Interval, () => gone++);
        using var staying = SharedTicker.Subscribe(clock, Interval, () => kept++);

        clock.Advance(Interval);
        leaving.Dispose();
        clock.Advance(Interval * 2);

        Assert.Equal(1, gone);
        Assert.Equal(3, kept);
    }

    [Fact]
    public void The_timer_stops_when_the_last_subscriber_leaves_and_a_new_one_starts_its_own()
    {
        var clock = new VirtualClock();
        var first = SharedTicker.Subscribe(clock, Interval, () => { });
        var second = SharedTicker.Subscribe(clock, Interval, () => { });
        using var otherInterval = SharedTicker.Subscribe(clock, TimeSpan.FromSeconds(1), () => { });
        Assert.Equal(2, clock.PendingTimerCount);

        first.Dispose();
        first.Dispose();
        Assert.Equal(2, clock.PendingTimerCount);
        second.Dispose();
        Assert.Equal(1, clock.PendingTimerCount);

        var ticks = 0;
        using var third = SharedTicker.Subscribe(clock, Interval, () => ticks++);
        Assert.Equal(2, clock.PendingTimerCount);
        clock.Advance(Interval);
        Assert.Equal(1, ticks);
    }
}
