namespace GossipActors.Chaos.Faults;

/// <summary>
/// The seeded schedule: every kind of fault once (required: done even if that takes past the period), spread over the
/// fault period in a seeded order, then more process
/// faults (about one every 240/N seconds) and more network faults (about one every 150 s) at seeded random times. The
/// same seed, node count and length give the same schedule.
/// </summary>
public static class FaultPlan
{
    private static readonly FaultKind[] ProcessKinds = [FaultKind.KillAndRestart, FaultKind.Pause, FaultKind.StopAndStart];
    private static readonly FaultKind[] NetworkKinds = [FaultKind.PacketLoss, FaultKind.Partition, FaultKind.OneWayPartition, FaultKind.Delay];

    public static IReadOnlyList<PlannedFault> Create(int seed, int nodes, TimeSpan period)
    {
        var random = new Random(seed);
        var faults = new List<PlannedFault>();
        var once = Enum.GetValues<FaultKind>().OrderBy(_ => random.Next()).ToArray();
        for (var i = 0; i < once.Length; i++)
        {
            var due = period * ((i + (random.NextDouble() * 0.5)) / once.Length);
            faults.Add(Make(random, once[i], due, period, required: true));
        }

        AddPoisson(random, faults, ProcessKinds, TimeSpan.FromSeconds(240.0 / nodes), period);
        AddPoisson(random, faults, NetworkKinds, TimeSpan.FromSeconds(150), period);
        return [.. faults.OrderBy(f => f.Due)];
    }

    /// <summary>How long a partition lasts: 30–120 s, shortened in runs too short to hold that (a quarter of the period, at least 15 s).</summary>
    public static (TimeSpan Min, TimeSpan Max) PartitionLength(TimeSpan period)
    {
        var max = TimeSpan.FromSeconds(Math.Min(120, Math.Max(15, period.TotalSeconds / 4)));
        return (TimeSpan.FromSeconds(Math.Min(30, max.TotalSeconds)), max);
    }

    private static void AddPoisson(Random random, List<PlannedFault> faults, FaultKind[] kinds, TimeSpan meanGap, TimeSpan period)
    {
        var at = TimeSpan.Zero;
        while (true)
        {
            at += meanGap * -Math.Log(1 - random.NextDouble());
            if (at >= period)
            {
                return;
            }

            faults.Add(Make(random, kinds[random.Next(kinds.Length)], at, period, required: false));
        }
    }

    private static PlannedFault Make(Random random, FaultKind kind, TimeSpan due, TimeSpan period, bool required)
    {
        var (partitionMin, partitionMax) = PartitionLength(period);
        var duration = kind switch
        {
            // Down long enough for the failure detector to convict it, so each kill gives a detection time.
            FaultKind.KillAndRestart => Seconds(random, 8, 20),
            FaultKind.Pause => Seconds(random, 1, 20),
            FaultKind.StopAndStart => Seconds(random, 3, 10),
            // The fresh node joins this long after the decommission was asked for.
            FaultKind.DecommissionAndJoin => Seconds(random, 3, 8),
            FaultKind.PacketLoss or FaultKind.Delay => Seconds(random, partitionMin.TotalSeconds * 2 / 3, partitionMax.TotalSeconds / 2),
            FaultKind.Partition or FaultKind.OneWayPartition => Seconds(random, partitionMin.TotalSeconds, partitionMax.TotalSeconds),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var amount = kind == FaultKind.PacketLoss ? random.Next(10, 41) : kind == FaultKind.Delay ? random.Next(50, 301) : 0;
        return new PlannedFault(due, kind, duration, amount, random.Next(), required);
    }

    private static TimeSpan Seconds(Random random, double min, double max) => TimeSpan.FromSeconds(Math.Round(min + (random.NextDouble() * (max - min)), 1));
}
