namespace GossipActors.Gossip.Simulation;

/// <summary>
/// One-way message latency for the failure-detector simulation, a mixture: 98 % of messages take a
/// lognormal time (mean 1.02 ms, sigma 0.5: a quiet LAN), 2 % are held up uniformly between 100 and
/// 300 ms (retransmits, queueing behind bulk traffic). The mixture has mean 0.98 × 1.02 + 0.02 × 200 = 5 ms
/// and, since exactly 1 % of messages take longer than 200 ms, a p99 of 200 ms.
/// </summary>
/// <remarks>
/// A single lognormal cannot have both moments: its p99 is at most about 15 × its mean, and the
/// target asks for 40 ×. The tail has to be a separate population, which is what networks show.
/// Samples are rounded to whole milliseconds here because the simulated network's clock ticks in
/// milliseconds: what <see cref="LatencyStatistics"/> records is exactly the delay applied.
/// </remarks>
public static class LatencyMixture
{
    public const double TailProbability = 0.02;
    public const double TailMinMs = 100;
    public const double TailMaxMs = 300;
    public const double BaseMeanMs = (5.0 - (TailProbability * (TailMinMs + TailMaxMs) / 2)) / (1 - TailProbability);
    public const double BaseSigma = 0.5;

    private static readonly double BaseMu = Math.Log(BaseMeanMs) - (BaseSigma * BaseSigma / 2);

    public static double SampleMs(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ms = random.NextDouble() < TailProbability
            ? TailMinMs + (random.NextDouble() * (TailMaxMs - TailMinMs))
            : Math.Exp(BaseMu + (BaseSigma * StandardNormal(random)));
        return Math.Round(ms, MidpointRounding.AwayFromZero);
    }

    private static double StandardNormal(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
