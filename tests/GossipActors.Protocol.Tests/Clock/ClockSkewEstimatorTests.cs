using GossipActors.Protocol.Clock;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Clock;

public sealed class ClockSkewEstimatorTests
{
    private const long T = 1_764_900_000_000;
    private static readonly EndpointAddress Peer = new("10.0.0.2", 7000);

    [Fact]
    public void Exchange_reads_the_peer_stamp_against_the_midpoint_of_the_round_trip()
    {
        // Peer 300 ms ahead; 40 ms out, 60 ms back: the stamp is taken at our T+40, i.e. the peer's T+340.
        var sample = ClockSample.FromExchange(T, T + 340, T + 100)!.Value;

        Assert.Equal(100, sample.RoundTripMs);
        Assert.Equal(290, sample.OffsetMs); // midpoint T+50: off by the legs' asymmetry (10 ms), within rtt/2
        Assert.InRange(300 - sample.OffsetMs, -sample.RoundTripMs / 2, sample.RoundTripMs / 2);
        Assert.Null(ClockSample.FromExchange(T, T, T - 1));
    }

    [Fact]
    public void Ack_without_a_syn_sent_is_no_sample_and_the_first_unanswered_syn_is_the_one_kept()
    {
        var clocks = new ClockSkewEstimator(50);
        Assert.Null(clocks.AckReceived(Peer, T, T));
        Assert.False(clocks.TryGet(Peer, out _));

        clocks.SynSent(Peer, T);
        clocks.SynSent(Peer, T + 900); // a news round before the ACK came: the ACK answers the first
        clocks.AckReceived(Peer, T + 510, T + 20);

        Assert.True(clocks.TryGet(Peer, out var estimate));
        Assert.Equal(new ClockSkewEstimate(500, 20, T + 20, 1), estimate);
        Assert.Null(clocks.AckReceived(Peer, T + 2000, T + 1000)); // the second SYN's ACK finds nothing pending
        Assert.Equal(1, Estimate(clocks).Samples);
    }

    [Fact]
    public void Estimate_is_the_sample_with_the_shortest_round_trip_among_the_last_eight()
    {
        var clocks = new ClockSkewEstimator(1_000);
        // True skew +100 ms. Queued on the way back (asymmetric): these read low, by half their extra delay.
        long[] returnDelays = [200, 80, 6, 150, 300, 90, 120, 40];
        var now = T;
        foreach (var back in returnDelays)
        {
            Exchange(clocks, now, skewMs: 100, outMs: 2, backMs: back);
            now += 1_000;
        }

        var estimate = Estimate(clocks);
        Assert.Equal(8, estimate.Samples);
        Assert.Equal(8, estimate.RoundTripMs);
        Assert.Equal(98, estimate.SkewMs);
        Assert.InRange(100 - estimate.SkewMs, -estimate.ErrorBoundMs, estimate.ErrorBoundMs);

        // Eight more slow exchanges push the good one out of the window: the best of those is reported.
        for (var i = 0; i < ClockSkewEstimator.WindowSize; i++)
        {
            Exchange(clocks, now, skewMs: 100, outMs: 2, backMs: 50 + i);
            now += 1_000;
        }

        Assert.Equal(52, Estimate(clocks).RoundTripMs);
    }

    [Fact]
    public void Warning_is_reported_on_crossing_and_again_only_after_coming_back_under()
    {
        var clocks = new ClockSkewEstimator(50);
        var crossings = new List<ClockSkewCrossing>();
        var now = T;
        void Run(long skew, int times)
        {
            for (var i = 0; i < times; i++)
            {
                if (Exchange(clocks, now, skew, 5, 5) is { } crossing)
                {
                    crossings.Add(crossing);
                }

                now += 1_000;
            }
        }

        Run(skew: 20, times: 3);
        Assert.Empty(crossings);
        Run(skew: -80, times: 10); // the newest sample of equal round trip wins: the step is seen at once
        var above = Assert.Single(crossings);
        Assert.True(above.Above);
        Assert.Equal(-80, above.Estimate.SkewMs);
        Assert.Contains("clock skew: 10.0.0.2:7000 is -80 ms off this node's clock", above.Describe(), StringComparison.Ordinal);
        Assert.Contains("gossip.clock-skew-warning (50 ms)", above.Describe(), StringComparison.Ordinal);

        Run(skew: 10, times: 10);
        Assert.Equal(2, crossings.Count);
        Assert.False(crossings[1].Above);
        Run(skew: 10, times: 5);
        Assert.Equal(2, crossings.Count);
    }

    [Fact]
    public void A_skew_beyond_the_limit_only_within_its_error_bound_warns_of_nothing_until_a_short_round_trip_confirms_it()
    {
        var clocks = new ClockSkewEstimator(50);

        // A starting cluster: a 180 ms round trip, all of it on the way back, reads as +90 ms ± 90 ms.
        clocks.SynSent(Peer, T);
        Assert.Null(clocks.AckReceived(Peer, T, T + 180));
        Assert.Equal(new ClockSkewEstimate(-90, 180, T + 180, 1), Estimate(clocks));

        // Once the machine is quiet a 4 ms round trip shows the clocks are 80 ms apart: that warns.
        var crossing = Exchange(clocks, T + 1_000, skewMs: -80, outMs: 2, backMs: 2);
        Assert.True(crossing?.Above);
    }

    [Fact]
    public void Ack2_gives_the_responder_a_sample_from_the_echoed_stamp()
    {
        var clocks = new ClockSkewEstimator(50);
        // We (responder) stamped our ACK at T; the initiator, 70 ms behind, got it 4 ms later and answered at once.
        clocks.Ack2Received(Peer, ackSentMs: T, peerMs: T + 4 - 70, localMs: T + 8);

        Assert.Equal(new ClockSkewEstimate(-70, 8, T + 8, 1), Estimate(clocks));
        clocks.Forget(Peer);
        Assert.False(clocks.TryGet(Peer, out _));
        Assert.Empty(clocks.Estimates());
    }

    private static ClockSkewCrossing? Exchange(ClockSkewEstimator clocks, long now, long skewMs, long outMs, long backMs)
    {
        clocks.SynSent(Peer, now);
        return clocks.AckReceived(Peer, now + outMs + skewMs, now + outMs + backMs);
    }

    private static ClockSkewEstimate Estimate(ClockSkewEstimator clocks) =>
        clocks.TryGet(Peer, out var estimate) ? estimate : throw new InvalidOperationException("no estimate");
}
