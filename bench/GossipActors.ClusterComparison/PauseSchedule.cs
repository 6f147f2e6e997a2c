namespace GossipActors.ClusterComparison;

/// <summary>
/// When the pause run stops its node: every <c>period</c> from a quarter of a period after the start (so the first stop
/// falls in settled gossip, not at the end of start-up), as long as the stop ends within the run.
/// </summary>
public static class PauseSchedule
{
    /// <summary>Offsets from the start of the run at which a stop begins.</summary>
    public static IReadOnlyList<TimeSpan> Stops(TimeSpan duration, TimeSpan period, TimeSpan pause)
    {
        if (period <= TimeSpan.Zero || pause <= TimeSpan.Zero || pause >= period)
        {
            throw new ArgumentException($"the pause ({pause.TotalSeconds:0.###} s) must be positive and shorter than the period ({period.TotalSeconds:0.###} s)");
        }

        var stops = new List<TimeSpan>();
        for (var at = period / 4; at + pause <= duration; at += period)
        {
            stops.Add(at);
        }

        return stops;
    }
}
