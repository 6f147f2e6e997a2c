using System.Collections.Concurrent;
using System.Net;

namespace GossipActors.Remote.Connections;

/// <summary>
/// Decides which refused connections get a log line: the first from an address, then at most one a minute, each
/// saying how many were refused unlogged since. A peer without the key retries every few seconds for as long as it
/// runs; one line per attempt would bury everything else, none would hide it.
/// </summary>
public sealed class RefusalLog
{
    /// <summary>One line per address per this interval.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    /// <summary>Whether to log a refusal of <paramref name="address"/> now, and how many went unlogged before it.</summary>
    public bool ShouldLog(IPAddress address, long nowMs, out int unlogged)
    {
        ArgumentNullException.ThrowIfNull(address);
        var entry = _entries.GetOrAdd(address, _ => new Entry());
        lock (entry)
        {
            if (entry.LoggedAtMs is { } at && nowMs - at < (long)Interval.TotalMilliseconds)
            {
                entry.Unlogged++;
                unlogged = 0;
                return false;
            }

            unlogged = entry.Unlogged;
            entry.Unlogged = 0;
            entry.LoggedAtMs = nowMs;
            return true;
        }
    }

    /// <summary>The suffix that says what was left out: empty when nothing was.</summary>
    public static string Unlogged(int count) =>
        count == 0 ? string.Empty : FormattableString.Invariant($" ({count} more refused from this address in the last minute, not logged)");

    private sealed class Entry
    {
        public long? LoggedAtMs { get; set; }

        public int Unlogged { get; set; }
    }
}
