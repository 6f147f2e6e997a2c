using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

public sealed class ArrivalWindowTests
{
    [Fact]
    public void The_first_arrival_records_no_interval_but_seeds_the_initial_samples()
    {
        var window = new ArrivalWindow(1000, [2000.0], maxIntervalMs: 30_000);
        Assert.Null(window.LastArrivalMs);

        var recorded = window.RecordArrival(123_456);

        Assert.Null(recorded);
        Assert.Equal(123_456, window.LastArrivalMs);
        Assert.Equal([2000.0], window.Intervals.ToArray());
    }

    [Fact]
    public void Later_arrivals_record_the_gap_since_the_previous_one()
    {
        var window = new ArrivalWindow(1000, [2000.0], maxIntervalMs: 30_000);
        window.RecordArrival(1_000);
        Assert.Equal(900, window.RecordArrival(1_900));
        Assert.Equal(1_100, window.RecordArrival(3_000));

        Assert.Equal([2000.0, 900.0, 1100.0], window.Intervals.ToArray());
        Assert.Equal(250, window.ElapsedSinceLastArrival(3_250));
    }

    [Fact]
    public void Gaps_longer_than_the_maximum_interval_are_not_recorded_but_still_count_as_an_arrival()
    {
        var window = new ArrivalWindow(1000, [2000.0], maxIntervalMs: 30_000);
        window.RecordArrival(0);
        Assert.Equal(30_000, window.RecordArrival(30_000));
        Assert.Null(window.RecordArrival(60_001));

        Assert.Equal([2000.0, 30_000.0], window.Intervals.ToArray());
        Assert.Equal(1, window.IgnoredIntervals);
        Assert.Equal(60_001, window.LastArrivalMs);
        Assert.Equal(0, window.ElapsedSinceLastArrival(60_001));
    }

    [Fact]
    public void An_arrival_stamped_before_the_previous_one_records_a_zero_gap_and_keeps_the_later_time()
    {
        var window = new ArrivalWindow(10, [2000.0], maxIntervalMs: 30_000);
        window.RecordArrival(5_000);
        Assert.Equal(0, window.RecordArrival(4_000));
        Assert.Equal(5_000, window.LastArrivalMs);
        Assert.Equal(0, window.ElapsedSinceLastArrival(4_500));
    }
}
