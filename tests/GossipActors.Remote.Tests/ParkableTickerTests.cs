using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>The clock of a connection's stall checks, on virtual time: ticks while watched, none while parked.</summary>
public sealed class ParkableTickerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);

    [Fact]
    public void Ticks_every_interval_and_a_tick_missed_while_busy_is_kept_but_not_piled_up()
    {
        var clock = new VirtualClock();
        using var ticker = new ParkableTicker(clock, Interval);

        var first = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(first.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(first.IsCompleted);

        // Three intervals pass with nobody waiting: one tick is due, not three.
        clock.Advance(3 * Interval);
        Assert.True(ticker.WaitForTickAsync(CancellationToken.None).IsCompleted);
        Assert.False(ticker.WaitForTickAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public void A_parked_ticker_is_silent_until_woken_then_ticks_one_interval_after_the_wake()
    {
        var clock = new VirtualClock();
        using var ticker = new ParkableTicker(clock, Interval);
        clock.Advance(Interval);
        Assert.True(ticker.WaitForTickAsync(CancellationToken.None).IsCompleted);

        ticker.BeginPark();
        Assert.True(ticker.CompletePark(KeepAlive));
        var next = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(next.IsCompleted);

        ticker.Wake();
        clock.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(next.IsCompleted);

        // Woken, it ticks every interval again.
        var after = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(after.IsCompleted);
    }

    [Fact]
    public void A_park_ends_by_itself_at_its_deadline_and_ticking_resumes()
    {
        var clock = new VirtualClock();
        using var ticker = new ParkableTicker(clock, Interval);
        ticker.BeginPark();
        Assert.True(ticker.CompletePark(KeepAlive));

        var next = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(KeepAlive - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(next.IsCompleted);

        var after = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(after.IsCompleted);
    }

    [Fact]
    public void A_wake_between_the_two_phases_of_a_park_cancels_it()
    {
        var clock = new VirtualClock();
        using var ticker = new ParkableTicker(clock, Interval);
        ticker.BeginPark();
        ticker.Wake();
        Assert.False(ticker.CompletePark(KeepAlive));

        var next = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(next.IsCompleted);
    }

    [Fact]
    public void A_cancelled_park_keeps_ticking_and_a_wake_after_disposal_is_harmless()
    {
        var clock = new VirtualClock();
        var ticker = new ParkableTicker(clock, Interval);
        ticker.BeginPark();
        ticker.CancelPark();
        Assert.False(ticker.CompletePark(KeepAlive));
        var next = ticker.WaitForTickAsync(CancellationToken.None);
        clock.Advance(Interval);
        Assert.True(next.IsCompleted);

        ticker.BeginPark();
        Assert.True(ticker.CompletePark(KeepAlive));
        ticker.Dispose();
        ticker.Wake();
        Assert.Equal(0, clock.PendingTimerCount);
    }
}
