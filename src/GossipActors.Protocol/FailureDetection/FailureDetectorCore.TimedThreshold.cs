using System.Globalization;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Threshold changes with a window (<c>gossipctl setphi VALUE --for DURATION</c>): the detector itself restores the
/// earlier threshold when the window ends, so an operator's crashed script cannot leave it raised. The pending
/// restore lives here, beside the threshold, so it survives a restart of the actor that owns the core; a restart of
/// the process reverts to the configured threshold anyway, since every run-time change is in memory only.
/// </summary>
public sealed partial class FailureDetectorCore
{
    /// <summary>The longest window accepted: a stabilization window, not a way to change the threshold for good.</summary>
    public static readonly TimeSpan MaxThresholdWindow = TimeSpan.FromDays(7);

    /// <summary>The restore a timed change left pending, or null.</summary>
    public ThresholdRestore? PendingRestore { get; private set; }

    /// <summary>
    /// Changes the threshold, for <paramref name="window"/> when given. Timed changes do not stack: a second one replaces
    /// the window (it ends <paramref name="window"/> after <paramref name="nowMs"/>) but keeps the value to restore, the
    /// threshold in force before the first one, so a temporary value never becomes the one restored. A change without a
    /// window during a window cancels the restore: the operator chose a value to keep.
    /// </summary>
    public ThresholdChange ChangePhiConvictThreshold(double value, TimeSpan? window, long nowMs)
    {
        var previous = Settings.PhiConvictThreshold;
        if (window is { } asked && (asked <= TimeSpan.Zero || asked > MaxThresholdWindow))
        {
            return new ThresholdChange(
                false,
                previous,
                previous,
                InMemoryOnly: true,
                $"refused: the window of a timed {FailureDetectorSettingKeys.PhiConvictThreshold} change must be more than 0 and at most {MaxThresholdWindow.TotalDays:0} days, not {Describe(asked)}; the threshold stays {Format(previous)}",
                null);
        }

        var replaced = PendingRestore;
        var change = ChangePhiConvictThreshold(value);
        if (!change.Applied)
        {
            return change;
        }

        if (window is not { } duration)
        {
            PendingRestore = null;
            return replaced is null
                ? change
                : change with { Message = $"{change.Message}; the pending restore to {Format(replaced.Value)} at {Time(replaced.AtUnixMs)} is cancelled" };
        }

        var restore = new ThresholdRestore(replaced?.Value ?? previous, nowMs + (long)Math.Ceiling(duration.TotalMilliseconds));
        PendingRestore = restore;
        var message = $"{FailureDetectorSettingKeys.PhiConvictThreshold} changed from {Format(previous)} to {Format(value)} for {Describe(duration)}: "
            + $"the node restores {Format(restore.Value)} at {Time(restore.AtUnixMs)} by itself (in memory only; a restart reverts to the configured value)";
        if (replaced is not null)
        {
            message += $"; this window replaces the one ending at {Time(replaced.AtUnixMs)}, and {Format(replaced.Value)} is still the value restored";
        }

        return change with { Message = message, Restore = restore };
    }

    /// <summary>Restores the threshold when the pending window has ended by <paramref name="nowMs"/>; null while it has not.</summary>
    public ThresholdChange? RestoreIfDue(long nowMs)
    {
        if (PendingRestore is not { } pending || nowMs < pending.AtUnixMs)
        {
            return null;
        }

        PendingRestore = null;
        var change = ChangePhiConvictThreshold(pending.Value);
        return change with
        {
            Message = $"{FailureDetectorSettingKeys.PhiConvictThreshold} restored from {Format(change.Previous)} to {Format(pending.Value)}: the window of a timed change (setphi --for) ended",
        };
    }

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan duration) => duration switch
    {
        { TotalSeconds: < 60 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.###} s"),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.##} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalHours:0.##} h"),
    };
}
