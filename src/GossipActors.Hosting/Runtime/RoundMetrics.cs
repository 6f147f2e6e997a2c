using System.Collections.Concurrent;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Gossip rounds as the transport sees them: a round starts when a SYN leaves and its latency is the time until
/// that peer's ACK arrives. Measured at the transport boundary so the gossip core stays free of metrics. The same
/// boundary gives the sliding-window percentiles of <c>gossipctl histograms</c> (<see cref="Latencies"/>): the whole
/// round (SYN out to ACK2 out), and how long this node took to answer a SYN (SYN in to ACK out) and an ACK (ACK in
/// to ACK2 out).
/// </summary>
public sealed class RoundMetrics
{
    /// <summary>Upper bounds of the latency histogram buckets, in seconds (Prometheus <c>le</c>).</summary>
    public static readonly double[] BucketBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly ConcurrentDictionary<EndpointAddress, long> _openSince = new();
    private readonly ConcurrentDictionary<EndpointAddress, (long SynAt, long AckAt)> _acked = new();
    private readonly ConcurrentDictionary<EndpointAddress, long> _synArrived = new();
    private readonly long[] _buckets = new long[BucketBounds.Length];
    private readonly object _gate = new();
    private long _rounds;
    private long _completed;
    private double _latencySum;

    /// <summary>SYNs sent (rounds begun, shadow-round probes included).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

    /// <summary>Percentiles over the last <see cref="ExchangeLatencies.Window"/>, in milliseconds.</summary>
    public ExchangeLatencies Latencies { get; } = new();

    /// <summary>Raised with the latency in seconds of each round whose ACK arrived (the meter's histogram records it).</summary>
    public event Action<double>? RoundCompleted;

    /// <summary>Rounds whose ACK arrived.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    public void SynSent(EndpointAddress peer, long timestamp)
    {
        Interlocked.Increment(ref _rounds);
        _openSince[peer] = timestamp;
    }

    public void AckReceived(EndpointAddress peer, long timestamp, long timestampFrequency)
    {
        if (!_openSince.TryRemove(peer, out var since))
        {
            return;
        }

        var seconds = (double)(timestamp - since) / timestampFrequency;
        _acked[peer] = (since, timestamp);
        Latencies.SynToAck.Record(Ms(timestamp, timestampFrequency), seconds * 1000);
        Interlocked.Increment(ref _completed);
        lock (_gate)
        {
            _latencySum += seconds;
            for (var i = 0; i < BucketBounds.Length; i++)
            {
                if (seconds <= BucketBounds[i])
                {
                    _buckets[i]++;
                }
            }
        }

        RoundCompleted?.Invoke(seconds);
    }

    /// <summary>This node answers a peer's ACK with the ACK2 that ends the round it began.</summary>
    public void Ack2Sent(EndpointAddress peer, long timestamp, long timestampFrequency)
    {
        if (_acked.TryRemove(peer, out var exchange))
        {
            var now = Ms(timestamp, timestampFrequency);
            Latencies.Round.Record(now, DurationMs(timestamp - exchange.SynAt, timestampFrequency));
            Latencies.AckProcessing.Record(now, DurationMs(timestamp - exchange.AckAt, timestampFrequency));
        }
    }

    /// <summary>A peer's SYN arrived; the ACK this node sends back ends its processing.</summary>
    public void SynReceived(EndpointAddress peer, long timestamp) => _synArrived[peer] = timestamp;

    public void AckSent(EndpointAddress peer, long timestamp, long timestampFrequency)
    {
        if (_synArrived.TryRemove(peer, out var arrived))
        {
            Latencies.SynProcessing.Record(Ms(timestamp, timestampFrequency), DurationMs(timestamp - arrived, timestampFrequency));
        }
    }

    /// <summary>The gossiper finished with an inbound message: its processing time by kind, and a heartbeat's transit.</summary>
    public void Handled(InboundHandled handled, long timestampFrequency)
    {
        var window = handled.Envelope.Message switch
        {
            GossipDigestAck2 => Latencies.Ack2Processing,
            GossipHeartbeat or GossipWatch => Latencies.HeartbeatProcessing,
            Echo or EchoReply => Latencies.EchoProcessing,
            GossipShutdown => Latencies.ShutdownProcessing,
            _ => null, // SYN: its processing ends when the ACK leaves (AckSent)
        };
        var now = Ms(handled.HandledTimestamp, timestampFrequency);
        window?.Record(now, DurationMs(handled.HandledTimestamp - handled.ArrivedTimestamp, timestampFrequency));
        if (handled.HeartbeatTransitMs is { } transit)
        {
            // An estimate is right to within half its round trip, so a fast link can come out a little below zero.
            Latencies.HeartbeatTransit.Record(now, Math.Max(0, transit));
        }
    }

    // The window's clock: milliseconds of the same monotonic timestamps.
    private static long Ms(long ticks, long frequency) => (long)DurationMs(ticks, frequency);

    private static double DurationMs(long ticks, long frequency) => (double)ticks * 1000 / frequency;

    /// <summary>Cumulative bucket counts (as Prometheus wants them), the sum of latencies and the count.</summary>
    public (long[] Cumulative, double Sum, long Count) Histogram()
    {
        lock (_gate)
        {
            return ((long[])_buckets.Clone(), _latencySum, Completed);
        }
    }
}
