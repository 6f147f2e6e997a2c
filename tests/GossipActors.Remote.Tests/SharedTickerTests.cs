using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>Connections' stall checks share one timer per clock and interval; each still sees every interval's tick.</summary>
public sealed class SharedTickerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void Every_subscriber_wakes_once_per_interval_on_one_timer()
    {
        var clock = new VirtualClock();
        using var first = SharedTicker.Subscribe(clock, Interval);
        using var second = SharedTicker.Subscribe(clock, Interval);
        Assert.Equal(1, clock.PendingTimerCount);

        var a = first.WaitForNextTickAsync(CancellationToken.None);
        var b = second.WaitForNextTickAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(a.IsCompleted || b.IsCompleted, "a tick before the interval");

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(SpinWait.SpinUntil(() => a.IsCompleted && b.IsCompleted, TimeSpan.FromSeconds(10)));

        var again = first.WaitForNextTickAsync(CancellationToken.None);
        Assert.False(again.IsCompleted, "a tick already seen must not complete the next wait");
        clock.Advance(Interval);
        Assert.True(SpinWait.SpinUntil(() => again.IsCompleted, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void A_tick_that_came_while_the_subscriber_was_busy_completes_its_next_wait_at_once_and_only_one_is_kept()
    {
        var clock = new VirtualClock();
        using var subscription = SharedTicker.Subscribe(clock, Interval);

        clock.Advance(Interval * 3);

        Assert.True(subscription.WaitForNextTickAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.False(subscription.WaitForNextTickAsync(CancellationToken.None).IsCompleted, "like PeriodicTimer, missed ticks are not queued");
    }

    [Fact]
    public void The_timer_stops_when_the_last_subscriber_leaves_and_a_new_one_starts_its_own()
    {
        var clock = new VirtualClock();
        var first = SharedTicker.Subscribe(clock, Interval);
        var second = SharedTicker.Subscribe(clock, Interval);
        using var otherInterval = SharedTicker.Subscribe(clock, TimeSpan.FromSeconds(1));
        Assert.Equal(2, clock.PendingTimerCount);

        first.Dispose();
        first.Dispose();
        Assert.Equal(2, clock.PendingTimerCount);
        second.Dispose();
        Assert.Equal(1, clock.PendingTimerCount);

        using var third = SharedTicker.Subscribe(clock, Interval);
        Assert.Equal(2, clock.PendingTimerCount);
        var tick = third.WaitForNextTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(SpinWait.SpinUntil(() => tick.IsCompleted, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_leaves_the_subscription_usable()
    {
        var clock = new VirtualClock();
        using var subscription = SharedTicker.Subscribe(clock, Interval);
        using var cancel = new CancellationTokenSource();

        var waiting = subscription.WaitForNextTickAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        var next = subscription.WaitForNextTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(SpinWait.SpinUntil(() => next.IsCompleted, TimeSpan.FromSeconds(10)));
    }
}
