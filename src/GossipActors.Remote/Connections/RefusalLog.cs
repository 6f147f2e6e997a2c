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

    /// <summary>
    /// Addresses remembered at most: past it (after forgetting those not logged within the interval), every further
    /// address shares one entry, so neither this table nor the log grows with the number of addresses an attacker has.
    /// </summary>
    public const int MaximumAddresses = 4096;

    private readonly ConcurrentDictionary<IPAddress, Entry> _entries = new();

    /// <summary>Whether to log a refusal of <paramref name="address"/> now, and how many went unlogged before it.</summary>
    public bool ShouldLog(IPAddress address, long nowMs, out int unlogged)
    {
        ArgumentNullException.ThrowIfNull(address);
        var entry = _entries.TryGetValue(address, out var known) ? known : _entries.GetOrAdd(Admit(address, nowMs), _ => new Entry());
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

    /// <summary>The address itself, or the shared overflow entry when the table is full of recent ones.</summary>
    private IPAddress Admit(IPAddress address, long nowMs)
    {
        if (_entries.Count < MaximumAddresses)
        {
            return address;
        }

        foreach (var (known, entry) in _entries)
        {
            lock (entry)
            {
                if (entry.LoggedAtMs is { } at && nowMs - at >= (long)Interval.TotalMilliseconds && entry.Unlogged == 0)
                {
                    _entries.TryRemove(known, out _);
                }
            }
        }

        return _entries.Count < MaximumAddresses ? address : IPAddress.None;
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
