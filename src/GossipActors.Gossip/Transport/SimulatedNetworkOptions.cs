namespace GossipActors.Gossip.Transport;

public sealed record SimulatedNetworkOptions
{
    /// <summary>One-way latency in virtual milliseconds.</summary>
    public double LatencyMs { get; init; } = 1;

    /// <summary>Uniform extra delay in [0, JitterMs).</summary>
    public double JitterMs { get; init; }

    /// <summary>
    /// When set, replaces <see cref="LatencyMs"/> and <see cref="JitterMs"/>: called once per transmitted
    /// message with the network's seeded random, returns that message's one-way delay in milliseconds.
    /// For latency distributions a constant plus uniform jitter cannot express (heavy tails).
    /// </summary>
    public Func<Random, double>? LatencySampler { get; init; }

    /// <summary>Probability that a message is lost, drawn from the network's seeded random.</summary>
    public double LossProbability { get; init; }

    /// <summary>Count bytes per (from, to) link; off for very large simulations (N² links).</summary>
    public bool TrackLinks { get; init; } = true;

    /// <summary>When set, every transmitted message is also priced with the real codecs (see <see cref="WireMeter"/>).</summary>
    public WireMeter? Wire { get; init; }

    /// <summary>At most one message in flight per (sender, receiver); newer ones replace waiting ones (see OutboundQueue).</summary>
    public bool OneInFlightPerPeer { get; init; } = true;
}
