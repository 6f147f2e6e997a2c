using System.Globalization;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Values of the STATUS application state and the rules that read them. A "dead" status means the
/// endpoint is not coming back on its own: peers do not echo it and eventually evict it.
/// </summary>
public static class EndpointStatus
{
    public const string Normal = "NORMAL";
    public const string Leaving = "LEAVING";
    public const string Shutdown = "shutdown";
    public const string ShutdownValue = "shutdown,true";
    public const string Left = "LEFT";
    public const string Removed = "removed";
    public const string Removing = "removing";
    public const string Hibernate = "hibernate";

    public static string LeftWithExpiry(long expiryEpochMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{Left},{expiryEpochMs}");

    public static string? StatusOf(EndpointState state) => state.Get(ApplicationStateKeys.Status)?.Value;

    public static string Kind(string? status)
    {
        if (status is null)
        {
            return string.Empty;
        }

        var comma = status.IndexOf(',', StringComparison.Ordinal);
        return comma < 0 ? status : status[..comma];
    }

    public static bool IsDeadState(string? status) =>
        Kind(status) is Left or Removed or Removing or Hibernate or Shutdown;

    public static bool IsShutdown(string? status) => Kind(status) == Shutdown;

    /// <summary>
    /// Left the cluster for good (decommissioned, assassinated or removed): unlike a shutdown, such an
    /// endpoint is never gossiped with, probed or remembered as a peer, and its state outlives restarts
    /// until it expires.
    /// </summary>
    public static bool HasDeparted(string? status) => Kind(status) is Left or Removed;

    /// <summary>The expiry of a LEFT/removed status (epoch ms), when the value carries one.</summary>
    public static long? ExpiryOf(string? status)
    {
        var kind = Kind(status);
        if (status is null || (kind != Left && kind != Removed))
        {
            return null;
        }

        var last = status.LastIndexOf(',');
        return last > 0 && long.TryParse(status.AsSpan(last + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiry)
            ? expiry
            : null;
    }
}
