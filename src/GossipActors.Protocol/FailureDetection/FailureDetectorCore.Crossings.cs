using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// Evaluating when something can happen instead of on a fixed tick (<see cref="FailureDetectorSettings.EvaluateAtCrossings"/>):
/// phi only grows with silence, so the moment a peer's phi would cross the threshold if nothing more arrived is known in
/// advance. An idle node then wakes its detector about once a second instead of five times per heartbeat interval, and
/// a crash is convicted at the crossing itself, not at the next tick after it.
/// </summary>
public sealed partial class FailureDetectorCore
{
    /// <summary>Silences longer than this are not searched: a peer that would take longer is never due (gossip's backstop is minutes at most).</summary>
    private const long LongestSearchedSilenceMs = 24 * 60 * 60 * 1000L;

    /// <summary>When the owner promised the next evaluation (<see cref="ScheduleEvaluation"/>); null while it evaluates on a fixed tick.</summary>
    private long? _evaluationDueMs;

    /// <summary>
    /// The first millisecond at which <paramref name="endpoint"/>'s phi is above the threshold if nothing more arrives;
    /// null when it is unknown, has never been heard from, or would not cross within a day.
    /// </summary>
    public long? CrossingMs(EndpointAddress endpoint) => _endpoints.TryGetValue(endpoint, out var tracker) ? CrossingOf(tracker) : null;

    /// <summary>
    /// When to run <see cref="Evaluate"/> next, and remembered as promised: the earliest crossing of a peer that is UP
    /// (not before a local pause's suppression ends), <paramref name="nowMs"/> for a convicted peer heard from since
    /// (it may be back), and no later than <see cref="FailureDetectorSettings.IdleEvaluationInterval"/> from now, so a pause of this node is still noticed
    /// (an evaluation that runs more than <c>local-pause-threshold</c> after it was due is one); never later than
    /// <paramref name="armedDueMs"/>, an evaluation the caller has already armed.
    /// </summary>
    public long ScheduleEvaluation(long nowMs, long? armedDueMs = null)
    {
        var due = Math.Min(nowMs + (long)Settings.IdleEvaluationInterval().TotalMilliseconds, armedDueMs ?? long.MaxValue);
        foreach (var tracker in _endpoints.Values)
        {
            if (CrossingOf(tracker) is not { } crossing)
            {
                continue;
            }

            if (tracker.IsDown)
            {
                // Phi is below the threshold until the crossing: a convicted peer heard from since is back before it.
                if (tracker.HeardSinceConviction && nowMs < crossing)
                {
                    due = nowMs;
                }
            }
            else
            {
                due = Math.Min(due, Math.Max(crossing, _convictionsSuppressedUntilMs));
            }
        }

        due = Math.Max(due, nowMs);
        _evaluationDueMs = due;
        return due;
    }

    /// <summary>
    /// The owner armed the next evaluation for <paramref name="dueMs"/> itself (a poll while the gossip stage is behind, a
    /// wait for a stage probe): lateness counts from there.
    /// </summary>
    public void ExpectEvaluationAt(long dueMs) => _evaluationDueMs = dueMs;

    /// <summary>
    /// Whether an evaluation at <paramref name="nowMs"/> would convict someone, gossip backlog aside: a peer that is UP
    /// has crossed, and no local pause holds convictions back.
    /// </summary>
    public bool ConvictionDue(long nowMs) =>
        nowMs >= _convictionsSuppressedUntilMs && _endpoints.Values.Any(tracker => !tracker.IsDown && CrossingOf(tracker) <= nowMs);

    /// <summary>Whether an evaluation at <paramref name="nowMs"/> would be more than <c>local-pause-threshold</c> late.</summary>
    public bool EvaluationOverdue(long nowMs) => EvaluationLateByMs(nowMs) > (long)Settings.LocalPauseThreshold.TotalMilliseconds;

    /// <summary>
    /// How late this evaluation (at <paramref name="nowMs"/>) is: after the promised one (<see cref="ScheduleEvaluation"/>),
    /// or, on a fixed tick, since the last one.
    /// </summary>
    private long? EvaluationLateByMs(long nowMs) => _evaluationDueMs is { } due ? nowMs - due : nowMs - _lastEvaluationMs;

    private long? CrossingOf(EndpointTracker tracker)
    {
        var window = tracker.Window;
        if (window.LastArrivalMs is not { } last)
        {
            return null;
        }

        var model = tracker.HearsDirectly ? _model : _gossipModel;
        var threshold = Settings.PhiConvictThreshold;
        if (tracker.CachedCrossing is { } cached && cached.Window == window && cached.Arrivals == window.Arrivals &&
            cached.Threshold.Equals(threshold) && cached.Model == model)
        {
            return cached.CrossingMs;
        }

        var crossing = FirstSilenceAbove(model, window.Intervals, threshold) is { } silence ? last + silence : (long?)null;
        tracker.CachedCrossing = new CachedCrossing(window, window.Arrivals, threshold, model, crossing);
        return crossing;
    }

    /// <summary>The shortest silence whose phi is above <paramref name="threshold"/>: doubling, then halving (phi never falls with silence).</summary>
    private static long? FirstSilenceAbove(IPhiModel model, IntervalWindow intervals, double threshold)
    {
        if (model.Phi(0, intervals) > threshold)
        {
            return 0;
        }

        long below = 0;
        long above = 1;
        while (model.Phi(above, intervals) <= threshold)
        {
            if (above >= LongestSearchedSilenceMs)
            {
                return null;
            }

            below = above;
            above = Math.Min(above * 2, LongestSearchedSilenceMs);
        }

        while (above - below > 1)
        {
            var middle = below + ((above - below) / 2);
            if (model.Phi(middle, intervals) > threshold)
            {
                above = middle;
            }
            else
            {
                below = middle;
            }
        }

        return above;
    }
}

/// <summary>A crossing computed for one window state, threshold and model; any change to those makes it stale.</summary>
internal sealed record CachedCrossing(ArrivalWindow Window, long Arrivals, double Threshold, IPhiModel Model, long? CrossingMs);
