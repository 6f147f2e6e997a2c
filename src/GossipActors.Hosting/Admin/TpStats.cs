using GossipActors.AdminClient.Contract;
using GossipActors.Hosting.Runtime;

namespace GossipActors.Hosting.Admin;

/// <summary>
/// Actor statistics summed per actor group (see <see cref="ActorGroups"/>). Dropped counts dead letters,
/// and for the gossip rounds group also the exchanges the gossiper replaced before they were sent.
/// </summary>
public static class TpStats
{
    /// <summary>Dropped for <paramref name="group"/>: its dead letters, plus the replaced exchanges when it is <paramref name="roundsGroup"/>.</summary>
    public static long Dropped(string group, long deadLetters, string roundsGroup, long exchangesReplaced) =>
        deadLetters + (string.Equals(group, roundsGroup, StringComparison.Ordinal) ? exchangesReplaced : 0);

    public static TpStatsResponse Collect(IReadOnlyList<ActorStats> stats, Func<string, long> droppedFor)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(droppedFor);
        var groups = stats
            .GroupBy(s => ActorGroups.Of(s.Path), StringComparer.Ordinal)
            .OrderBy(g => g.Key.StartsWith("system", StringComparison.Ordinal))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ActorGroupStats(
                g.Key,
                g.Count(),
                g.Sum(s => (long)s.MailboxDepth),
                g.Sum(s => s.Processed),
                g.Sum(s => s.Failed),
                droppedFor(g.Key)))
            .ToList();
        return new TpStatsResponse(groups);
    }
}
