using GossipActors.Protocol.FailureDetection;
using Xunit;

namespace GossipActors.Protocol.Tests.FailureDetection;

/// <summary>setphi --for as the pure core sees it: a window, its end, a second window, and a change without one.</summary>
public sealed class TimedThresholdTests
{
    private const long Start = 1_800_000_000_000;

    [Fact]
    public void A_timed_change_applies_now_and_restores_the_previous_threshold_when_the_window_ends()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());

        var change = core.ChangePhiConvictThreshold(12, TimeSpan.FromMinutes(10), Start);

        Assert.True(change.Applied, change.Message);
        Assert.Equal((8d, 12d), (change.Previous, change.Current));
        Assert.Equal(new ThresholdRestore(8, Start + 600_000), change.Restore);
        Assert.Equal(change.Restore, core.PendingRestore);
        Assert.Equal(
            "gossip.failure-detector.phi-convict-threshold changed from 8 to 12 for 10 min: the node restores 8 at 2027-01-15T08:10:00.000Z by itself (in memory only; a restart reverts to the configured value)",
            change.Message);
        Assert.Equal(12, core.Settings.PhiConvictThreshold);

        Assert.Null(core.RestoreIfDue(Start + 599_999));
        Assert.Equal(12, core.Settings.PhiConvictThreshold);

        var restored = core.RestoreIfDue(Start + 600_000);
        Assert.NotNull(restored);
        Assert.Equal((12d, 8d), (restored.Previous, restored.Current));
        Assert.Equal("gossip.failure-detector.phi-convict-threshold restored from 12 to 8: the window of a timed change (setphi --for) ended", restored.Message);
        Assert.Equal(8, core.Settings.PhiConvictThreshold);
        Assert.Null(core.PendingRestore);
        Assert.Null(core.RestoreIfDue(Start + 900_000));
    }

    [Fact]
    public void A_second_timed_change_replaces_the_window_but_keeps_the_value_to_restore()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        core.ChangePhiConvictThreshold(12, TimeSpan.FromMinutes(10), Start);

        var second = core.ChangePhiConvictThreshold(10, TimeSpan.FromMinutes(2), Start + 60_000);

        Assert.Equal((12d, 10d), (second.Previous, second.Current));
        Assert.Equal(new ThresholdRestore(8, Start + 180_000), core.PendingRestore);
        Assert.Contains("this window replaces the one ending at 2027-01-15T08:10:00.000Z, and 8 is still the value restored", second.Message, StringComparison.Ordinal);
        Assert.Null(core.RestoreIfDue(Start + 179_999));
        Assert.Equal(8, core.RestoreIfDue(Start + 180_000)!.Current);
        Assert.Equal(8, core.Settings.PhiConvictThreshold);
    }

    [Fact]
    public void A_change_without_a_window_cancels_the_pending_restore()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        core.ChangePhiConvictThreshold(12, TimeSpan.FromMinutes(10), Start);

        var kept = core.ChangePhiConvictThreshold(9, null, Start + 1_000);

        Assert.True(kept.Applied);
        Assert.Null(kept.Restore);
        Assert.EndsWith("; the pending restore to 8 at 2027-01-15T08:10:00.000Z is cancelled", kept.Message, StringComparison.Ordinal);
        Assert.Null(core.PendingRestore);
        Assert.Null(core.RestoreIfDue(Start + 3_600_000));
        Assert.Equal(9, core.Settings.PhiConvictThreshold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(7 * 24 * 60 + 1)]
    public void A_window_that_is_not_positive_or_longer_than_7_days_is_refused_and_changes_nothing(int minutes)
    {
        var core = new FailureDetectorCore(TestSettings.Detector());

        var change = core.ChangePhiConvictThreshold(12, TimeSpan.FromMinutes(minutes), Start);

        Assert.False(change.Applied);
        Assert.Contains("must be more than 0 and at most 7 days", change.Message, StringComparison.Ordinal);
        Assert.Equal(8, core.Settings.PhiConvictThreshold);
        Assert.Null(core.PendingRestore);
    }

    [Fact]
    public void A_refused_value_leaves_the_pending_restore_as_it_was()
    {
        var core = new FailureDetectorCore(TestSettings.Detector());
        core.ChangePhiConvictThreshold(12, TimeSpan.FromMinutes(10), Start);

        var refused = core.ChangePhiConvictThreshold(20, TimeSpan.FromMinutes(1), Start + 1_000);

        Assert.False(refused.Applied);
        Assert.Equal(new ThresholdRestore(8, Start + 600_000), core.PendingRestore);
        Assert.Equal(12, core.Settings.PhiConvictThreshold);
    }
}
