using GossipActors.Hosting.Metrics;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The latency windows of <c>gossipctl histograms</c> (GET /histograms), in milliseconds, each over the last
/// <see cref="Window"/> and at most <see cref="Capacity"/> values. Fed by <see cref="RoundMetrics"/> at the transport
/// boundary.
/// </summary>
public sealed class ExchangeLatencies
{
    /// <summary>How far back the percentiles look: long enough for a few hundred rounds, short enough that a bad minute ages out.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Values kept per window at most (a 200 ms interval with 3 peers makes about 4,500 in 5 minutes).</summary>
    public const int Capacity = 20_000;

    /// <summary>Round begun here: SYN out to the peer's ACK in.</summary>
    public SlidingPercentiles SynToAck { get; } = new(Window, Capacity);

    /// <summary>Round begun here, whole: SYN out to ACK2 out.</summary>
    public SlidingPercentiles Round { get; } = new(Window, Capacity);

    /// <summary>This node handling a peer's SYN: SYN in to ACK out (queueing in the gossip stage included).</summary>
    public SlidingPercentiles SynProcessing { get; } = new(Window, Capacity);

    /// <summary>This node handling a peer's ACK: ACK in to ACK2 out (queueing included).</summary>
    public SlidingPercentiles AckProcessing { get; } = new(Window, Capacity);

    /// <summary>This node handling a peer's ACK2: from reaching the gossiper to its states applied.</summary>
    public SlidingPercentiles Ack2Processing { get; } = new(Window, Capacity);

    /// <summary>This node handling a peer's direct heartbeat (to the detector told) or watch (its lease renewed), from reaching the gossiper.</summary>
    public SlidingPercentiles HeartbeatProcessing { get; } = new(Window, Capacity);

    /// <summary>This node handling an echo (answered) or an echo reply (the peer marked UP).</summary>
    public SlidingPercentiles EchoProcessing { get; } = new(Window, Capacity);

    /// <summary>This node handling a peer's shutdown announcement (the peer marked down).</summary>
    public SlidingPercentiles ShutdownProcessing { get; } = new(Window, Capacity);

    /// <summary>
    /// A peer's direct heartbeat from leaving it (its clock stamp) to reaching this node's gossiper, the stamp first
    /// brought onto this node's clock by the peer's estimated skew; as if the clocks agreed before the first estimate.
    /// </summary>
    public SlidingPercentiles HeartbeatTransit { get; } = new(Window, Capacity);
}
