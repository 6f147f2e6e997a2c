using System.Collections.Concurrent;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Gossip rounds as the transport sees them: a round starts when a SYN leaves and its latency is the time until
/// that peer's ACK arrives. Measured at the transport boundary so the gossip core stays free of metrics.
/// </summary>
public sealed class RoundMetrics
{
    /// <summary>Upper bounds of the latency histogram buckets, in seconds (Prometheus <c>le</c>).</summary>
    public static readonly double[] BucketBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly ConcurrentDictionary<EndpointAddress, long> _openSince = new();
    private readonly long[] _buckets = new long[BucketBounds.Length];
    private readonly object _gate = new();
    private long _rounds;
    private long _completed;
    private double _latencySum;

    /// <summary>SYNs sent (rounds begun, shadow-round probes included).</summary>
    public long Rounds => Interlocked.Read(ref _rounds);

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

    /// <summary>Cumulative bucket counts (as Prometheus wants them), the sum of latencies and the count.</summary>
    public (long[] Cumulative, double Sum, long Count) Histogram()
    {
        lock (_gate)
        {
            return ((long[])_buckets.Clone(), _latencySum, Completed);
        }
    }
}
