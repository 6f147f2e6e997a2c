namespace GossipActors.Remote.Connections;

/// <summary>
/// Capped exponential backoff with full jitter: the n-th retry waits a random time between the minimum and
/// min(maximum, minimum * 2^n), so peers that lost a node together do not redial it in lockstep.
/// </summary>
public static class Backoff
{
    public static TimeSpan Delay(int attempt, TimeSpan minimum, TimeSpan maximum, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ceiling = minimum.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        ceiling = Math.Min(ceiling, maximum.TotalMilliseconds);
        var floor = Math.Min(minimum.TotalMilliseconds, ceiling);
        return TimeSpan.FromMilliseconds(floor + (random.NextDouble() * (ceiling - floor)));
    }
}
