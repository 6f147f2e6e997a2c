using GossipActors.TestKit;

namespace GossipActors.Actors.Tests;

public sealed class VirtualTimeProviderTests
{
    [Fact]
    public void Time_only_moves_when_advanced()
    {
        var time = new VirtualTimeProvider();
        var start = time.GetUtcNow();
        var stamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(90));

        Assert.Equal(VirtualTimeProvider.DefaultStart, start);
        Assert.Equal(start.AddSeconds(90), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(90), time.GetElapsedTime(stamp));
    }

    [Fact]
    public void Timers_fire_in_due_order_at_their_own_time_with_ties_in_creation_order()
    {
        var time = new VirtualTimeProvider();
        var fired = new List<string>();
        void Add(string name, int ms) =>
            time.CreateTimer(_ => fired.Add($"{name}@{time.Elapsed.TotalMilliseconds}"), null, TimeSpan.FromMilliseconds(ms), Timeout.InfiniteTimeSpan);
        Add("c", 300);
        Add("a", 100);
        Add("b1", 200);
        Add("b2", 200);

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["a@100", "b1@200", "b2@200", "c@300"], fired);
    }

    [Fact]
    public void A_timer_created_by_a_firing_timer_fires_in_the_same_advance_when_due()
    {
        var time = new VirtualTimeProvider();
        var fired = new List<double>();
        time.CreateTimer(_ =>
        {
            fired.Add(time.Elapsed.TotalMilliseconds);
            time.CreateTimer(_ => fired.Add(time.Elapsed.TotalMilliseconds), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromMilliseconds(100), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromMilliseconds(200));

        Assert.Equal([100, 150], fired);
    }

    [Fact]
    public void Periodic_timers_repeat_and_change_and_dispose_take_effect()
    {
        var time = new VirtualTimeProvider();
        var count = 0;
        var timer = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(3, count);

        timer.Change(TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(3, count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, count);

        timer.Change(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        timer.Dispose();
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(4, count);
        Assert.Equal(0, time.PendingTimerCount);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Quiesce_runs_between_firings()
    {
        var time = new VirtualTimeProvider();
        var log = new List<string>();
        time.Quiesce = () => log.Add("settle");
        time.CreateTimer(_ => log.Add("t1"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        time.CreateTimer(_ => log.Add("t2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["t1", "t2"], log.Where(l => l != "settle"));
        Assert.Equal("settle", log[log.IndexOf("t1") + 1]);
        Assert.Equal("settle", log[log.IndexOf("t2") + 1]);
    }

    [Fact]
    public void Virtual_time_cannot_go_backwards()
    {
        var time = new VirtualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public async Task Task_Delay_on_virtual_time_completes_only_when_advanced()
    {
        var time = new VirtualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await delay.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(delay.IsCompletedSuccessfully);
    }
}
