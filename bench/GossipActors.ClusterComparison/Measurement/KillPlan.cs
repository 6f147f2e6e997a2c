namespace GossipActors.ClusterComparison.Measurement;

/// <summary>
/// The kills of phase (c): which nodes, and how long after the previous one settled each comes. A kill at a fixed time
/// after convergence fell at the same phase of the heartbeats run after run (GossipActors' convictions always came at
/// the top of their range); a delay drawn uniformly from a second, longer than either system's heartbeat interval,
/// puts each kill at a random phase. The draws depend only on the seed and the cluster size, so every system at a
/// size gets the same delays in the same run.
/// </summary>
public static class KillPlan
{
    /// <summary>The longest random delay before a kill.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Kills from the last node down, so the seeds (nodes 1 and 2) survive: at most N - 2, and one in a cluster of two
    /// (its second seed; node 1 survives).
    /// </summary>
    public static int MostKills(int nodes) => nodes == 2 ? 1 : Math.Max(0, nodes - 2);

    /// <summary>The delay before each of <paramref name="kills"/> kills in a cluster of <paramref name="nodes"/>.</summary>
    public static IReadOnlyList<TimeSpan> Delays(int seed, int nodes, int kills)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(kills);
        var random = new Random(unchecked((seed * 397) ^ nodes));
        return [.. Enumerable.Range(0, kills).Select(_ => TimeSpan.FromTicks((long)(random.NextDouble() * MaximumDelay.Ticks)))];
    }

    /// <summary>The median; of an even count, the mean of the middle two. Null when there is nothing.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
