namespace GossipActors.ClusterComparison;

/// <summary>What one system measured at one cluster size; a null figure was not measured (the notes say why).</summary>
public sealed record SystemResult(string Label, int Nodes)
{
    /// <summary>Why the system did not run here at all, or null.</summary>
    public string? Skipped { get; init; }

    /// <summary>(a) launch of every process → every node sees every node up.</summary>
    public TimeSpan? LaunchToAllUp { get; init; }

    /// <summary>(b) the last node's membership port listening → every node sees every node up.</summary>
    public TimeSpan? ProcessUpToAllUp { get; init; }

    /// <summary>(c) kill -9 of the last node → the first survivor has it down (the median over <see cref="Kills"/>).</summary>
    public TimeSpan? DownFirst { get; init; }

    /// <summary>(c) kill -9 of the last node → every survivor has it down (the median over <see cref="Kills"/>).</summary>
    public TimeSpan? DownEvery { get; init; }

    /// <summary>(c) each kill: the random delay before it, and when the first and every survivor had it down.</summary>
    public IReadOnlyList<(TimeSpan Delay, TimeSpan? First, TimeSpan? Every)> Kills { get; init; } = [];

    /// <summary>What "down" means for this system.</summary>
    public string DownMeans { get; init; } = string.Empty;

    /// <summary>(d) mean resident memory per node at the end of the idle window.</summary>
    public double? IdleRssMiB { get; init; }

    /// <summary>(d) mean CPU per node over the idle window, percent of one core.</summary>
    public double? IdleCpuPercent { get; init; }

    /// <summary>(d) bytes on the nodes' membership ports per second, divided by the number of nodes.</summary>
    public double? IdleBytesPerSecond { get; init; }

    /// <summary>(e) application state set on node 1 → seen by every other node: median over the sets.</summary>
    public TimeSpan? AppStateP50 { get; init; }

    /// <summary>(e) the slowest set.</summary>
    public TimeSpan? AppStateMax { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];
}
