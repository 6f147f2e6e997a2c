namespace GossipActors.ClusterComparison;

/// <summary>What one pause run found: every conviction any node logged, and how close the stopped node came to one.</summary>
/// <param name="Label">The system, as in the comparison table.</param>
/// <param name="Nodes">Cluster size.</param>
/// <param name="Duration">From convergence to the end of the run.</param>
/// <param name="Stops">SIGSTOPs done, each followed by SIGCONT.</param>
/// <param name="Pause">How long each stop lasted, as timed by the harness (the longest).</param>
/// <param name="Convictions">"observer convicted endpoint (phi)" for every conviction logged by any node during the run.</param>
/// <param name="ConvictionsOfStopped">Those of the stopped node.</param>
/// <param name="Transitions">UP/DOWN transitions of the stopped node in the last 10 minutes, summed over the observers' /failuredetector at the end.</param>
/// <param name="MaxPhiOfStopped">Highest phi of the stopped node read from any observer's /failuredetector during and just after the stops.</param>
public sealed record PauseResult(
    string Label,
    int Nodes,
    TimeSpan Duration,
    int Stops,
    TimeSpan Pause,
    IReadOnlyList<string> Convictions,
    int ConvictionsOfStopped,
    int? Transitions,
    double? MaxPhiOfStopped)
{
    public string? Skipped { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Nobody was convicted (the run passes).</summary>
    public bool Clean => Skipped is null && Convictions.Count == 0 && Transitions is 0 or null && Notes.Count == 0;
}
