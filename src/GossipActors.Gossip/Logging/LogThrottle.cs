namespace GossipActors.Gossip.Logging;

/// <summary>
/// Decides whether a repeating log line may be written now: the first occurrence of a key always is, then at most one
/// per interval, and the line that is written says how many were held back since the previous one. Something that
/// repeats for days (a dead peer redialled, a flood of refused connections) stays visible without filling the disk.
/// <see cref="Reset"/> marks a change of state, so the next occurrence is written at once. Thread-safe.
/// </summary>
public sealed class LogThrottle(TimeSpan interval, TimeProvider? time = null)
{
    /// <summary>Keys kept before quiet ones are forgotten (a key unseen for an interval would be written anyway).</summary>
    private const int PruneAbove = 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public TimeSpan Interval { get; } = interval;

    /// <summary>True when a line for <paramref name="key"/> may be written now; <paramref name="heldBack"/> is how many were not since the last.</summary>
    public bool ShouldLog(string key, out int heldBack)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        lock (_entries)
        {
            if (_entries.TryGetValue(key, out var entry) && now - entry.LoggedAt < Interval)
            {
                entry.HeldBack++;
                heldBack = 0;
                return false;
            }

            heldBack = entry?.HeldBack ?? 0;
            if (_entries.Count >= PruneAbove)
            {
                Prune(now);
            }

            _entries[key] = new Entry { LoggedAt = now };
            return true;
        }
    }

    /// <summary>The state behind <paramref name="key"/> changed: its next line is written at once. Lines held back are forgotten.</summary>
    public void Reset(string key)
    {
        lock (_entries)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The suffix a written line carries when lines were held back before it, e.g. "; 57 more in the last 60 s".</summary>
    public string HeldBackSuffix(int heldBack) =>
        heldBack == 0 ? string.Empty : FormattableString.Invariant($" ({heldBack} more like it in the last {Interval.TotalSeconds:0} s not logged)");

    private void Prune(DateTimeOffset now)
    {
        foreach (var quiet in _entries.Where(e => now - e.Value.LoggedAt >= Interval).Select(e => e.Key).ToList())
        {
            _entries.Remove(quiet);
        }
    }

    private sealed class Entry
    {
        public DateTimeOffset LoggedAt { get; init; }

        public int HeldBack { get; set; }
    }
}
