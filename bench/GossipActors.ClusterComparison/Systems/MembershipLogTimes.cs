using System.Diagnostics;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// When each GossipActors node printed its latest membership change ("HOST:PORT is now UP" / "is now DOWN (…)"), read
/// as the line arrives, the way Akka.Cluster's and Serf's events are timed: a polled /status alone is timed when the
/// harness asked, up to a poll and a round of requests after the change, which made GossipActors look slower than the
/// systems whose events are read as they happen.
/// </summary>
public sealed class MembershipLogTimes
{
    private const string UpMark = " is now UP";
    private const string DownMark = " is now DOWN";
    private readonly Lock _lock = new();
    private readonly Dictionary<int, (string Member, bool Up, long At)> _latest = [];

    public void Observe(int node, string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var at = Stopwatch.GetTimestamp();
        var up = line.IndexOf(UpMark, StringComparison.Ordinal);
        var down = line.IndexOf(DownMark, StringComparison.Ordinal);
        var mark = up >= 0 ? up : down;
        if (mark < 0)
        {
            return;
        }

        var start = line.LastIndexOf(' ', mark - 1) + 1;
        lock (_lock)
        {
            _latest[node] = (line[start..mark], up >= 0, at);
        }
    }

    /// <summary>
    /// The time of <paramref name="node"/>'s latest membership line when the polled <paramref name="view"/> already shows
    /// it; null otherwise (no line yet, or the poll raced ahead of the log), and the poll's own time is used.
    /// </summary>
    public long? ChangedAt(int node, MemberView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        lock (_lock)
        {
            return _latest.TryGetValue(node, out var latest) && (latest.Up ? view.Up : view.Down).Contains(latest.Member)
                ? latest.At
                : null;
        }
    }
}
