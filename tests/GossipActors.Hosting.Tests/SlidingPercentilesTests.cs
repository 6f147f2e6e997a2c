using GossipActors.Hosting.Metrics;
using GossipActors.Hosting.Runtime;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>The windows of gossipctl histograms, on time the test chooses: percentiles, ageing out, the capacity bound, and the feed from the transport boundary.</summary>
public sealed class SlidingPercentilesTests
{
    [Fact]
    public void Nearest_rank_percentiles_of_1_to_100()
    {
        var window = new SlidingPercentiles(TimeSpan.FromMinutes(5), 1000);
        for (var i = 1; i <= 100; i++)
        {
            window.Record(nowMs: i, value: 101 - i);
        }

        Assert.Equal(new PercentileSummary(100, 50, 75, 95, 98, 99, 100), window.Summarize(nowMs: 100));
    }

    [Fact]
    public void Values_older_than_the_window_age_out_and_an_empty_window_has_no_percentiles()
    {
        var window = new SlidingPercentiles(TimeSpan.FromSeconds(60), 1000);
        window.Record(0, 900);
        window.Record(30_000, 10);
        window.Record(59_999, 20);

        Assert.Equal(900, window.Summarize(59_999).Max);
        var later = window.Summarize(60_000);
        Assert.Equal((2, 20d, 20d), (later.Count, later.P99!.Value, later.Max!.Value));
        Assert.Equal(10, later.P50);
        Assert.Equal(PercentileSummary.Empty, window.Summarize(200_000));
    }

    [Fact]
    public void At_capacity_the_oldest_values_go_first()
    {
        var window = new SlidingPercentiles(TimeSpan.FromHours(1), 3);
        foreach (var (at, value) in new[] { (1L, 1000d), (2L, 1d), (3L, 2d), (4L, 3d) })
        {
            window.Record(at, value);
        }

        var summary = window.Summarize(5);
        Assert.Equal((3, 3d), (summary.Count, summary.Max!.Value));
    }

    [Fact]
    public void The_transport_boundary_feeds_round_syn_ack_and_processing_times()
    {
        // Timestamps in milliseconds (frequency 1000), as a virtual clock would give them.
        var rounds = new RoundMetrics();
        var peer = new EndpointAddress("10.0.0.2", 7000);
        rounds.SynSent(peer, 1_000);
        rounds.AckReceived(peer, 1_012, 1_000);
        rounds.Ack2Sent(peer, 1_015, 1_000);
        // The peer's own round towards this node: its SYN arrives, this node's ACK leaves 4 ms later.
        rounds.SynReceived(peer, 2_000);
        rounds.AckSent(peer, 2_004, 1_000);
        // An ACK2 or ACK without the message that opened it records nothing.
        rounds.Ack2Sent(peer, 3_000, 1_000);
        rounds.AckSent(peer, 3_000, 1_000);

        var latencies = rounds.Latencies;
        Assert.Equal((1, 15d), (latencies.Round.Summarize(3_000).Count, latencies.Round.Summarize(3_000).Max!.Value));
        Assert.Equal(12, latencies.SynToAck.Summarize(3_000).P50);
        Assert.Equal(3, latencies.AckProcessing.Summarize(3_000).P50);
        Assert.Equal((1, 4d), (latencies.SynProcessing.Summarize(3_000).Count, latencies.SynProcessing.Summarize(3_000).P99!.Value));
        Assert.Equal(0, latencies.Round.Summarize(1_015 + (long)ExchangeLatencies.Window.TotalMilliseconds).Count);
    }
}
