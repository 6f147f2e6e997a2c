using System.Globalization;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// <c>gossip.failure-detector</c>. A plain record without defaults: its values come from hocon/reference.conf
/// under the user's configuration, bound elsewhere (<c>GossipNodeSettings.FromConfig</c>), so <c>auto</c> values
/// follow the gossip interval. Validation happens here so every host reports the same errors.
/// </summary>
public sealed record FailureDetectorSettings
{
    /// <summary>Cassandra refuses thresholds outside this range; so do we.</summary>
    public const double MinimumPhiConvictThreshold = 5;

    /// <summary>See <see cref="MinimumPhiConvictThreshold"/>.</summary>
    public const double MaximumPhiConvictThreshold = 16;

    /// <summary>Above this a threshold is accepted with a warning: crashed nodes are then convicted slowly.</summary>
    public const double HighPhiConvictThreshold = 12;

    public required PhiModelKind Model { get; init; }

    /// <summary>Whether peers' arrivals come from direct heartbeats or from gossip alone.</summary>
    public required HeartbeatSource Heartbeats { get; init; }

    /// <summary>Time between two direct heartbeats this node sends to each peer (with <see cref="HeartbeatSource.Direct"/>).</summary>
    public required TimeSpan HeartbeatInterval { get; init; }

    /// <summary>
    /// How many peers watch each node with direct heartbeats (<see cref="HeartbeatSource.Direct"/>); 0 means every peer;
    /// null is <c>auto</c>: every peer in a cluster of at most <see cref="Gossip.ObserverRing.AutoEveryPeerUpTo"/> nodes,
    /// <see cref="Gossip.ObserverRing.AutoObservers"/> in a larger one. See <see cref="Gossip.ObserverRing"/>.
    /// </summary>
    public required int? Observers { get; init; }

    public required double PhiConvictThreshold { get; init; }

    /// <summary>
    /// Time between two evaluations on a fixed tick; with <see cref="EvaluateAtCrossings"/>, how often a detector whose
    /// gossip stage is behind looks again, and how recent a stage probe must be to convict without a new one.
    /// </summary>
    public required TimeSpan EvaluationInterval { get; init; }

    /// <summary>
    /// Evaluate when a peer's phi crosses the threshold (<see cref="FailureDetectorCore.ScheduleEvaluation"/>) and at least
    /// every <see cref="IdleEvaluationInterval"/>, instead of every <see cref="EvaluationInterval"/>: <c>evaluation-interval
    /// = auto</c> with direct heartbeats.
    /// </summary>
    public required bool EvaluateAtCrossings { get; init; }

    /// <summary>With <see cref="EvaluateAtCrossings"/>, the longest time between two evaluations: two heartbeat intervals.</summary>
    public TimeSpan IdleEvaluationInterval() => 2 * HeartbeatInterval;

    public required int WindowSize { get; init; }

    /// <summary>The expected heartbeat gap a new endpoint's window is seeded from (<c>auto</c>: 2 × the gossip interval).</summary>
    public required TimeSpan InitialInterval { get; init; }

    /// <summary>Longer gaps between heartbeats are not recorded in the window.</summary>
    public required TimeSpan MaxInterval { get; init; }

    public required TimeSpan MinStdDeviation { get; init; }

    public required TimeSpan AcceptableHeartbeatPause { get; init; }

    public required TimeSpan LocalPauseThreshold { get; init; }

    public required TimeSpan BacklogThreshold { get; init; }

    public required TimeSpan FlapWindow { get; init; }

    public FailureDetectorSettingsValidation Validate()
    {
        var errors = new List<string>();
        var warnings = new List<string>();

        if (!Enum.IsDefined(Model))
        {
            errors.Add($"{FailureDetectorSettingKeys.Model} = {(int)Model} is not a known model; accepted values are exponential, normal");
        }

        var threshold = ValidatePhiConvictThreshold(PhiConvictThreshold);
        if (threshold.Error is { } thresholdError)
        {
            errors.Add(thresholdError);
        }

        if (threshold.Warning is { } thresholdWarning)
        {
            warnings.Add(thresholdWarning);
        }

        if (!Enum.IsDefined(Heartbeats))
        {
            errors.Add($"{FailureDetectorSettingKeys.Heartbeats} = {(int)Heartbeats} is not a known source; accepted values are direct, gossip");
        }

        if (Observers < 0)
        {
            errors.Add($"{FailureDetectorSettingKeys.Observers} = {Observers} must not be negative (0 means every peer)");
        }

        if (WindowSize < 1)
        {
            errors.Add($"{FailureDetectorSettingKeys.WindowSize} = {WindowSize} must be at least 1");
        }

        RequirePositive(errors, FailureDetectorSettingKeys.EvaluationInterval, EvaluationInterval);
        RequirePositive(errors, FailureDetectorSettingKeys.HeartbeatInterval, HeartbeatInterval);
        RequirePositive(errors, FailureDetectorSettingKeys.InitialInterval, InitialInterval);
        RequirePositive(errors, FailureDetectorSettingKeys.MaxInterval, MaxInterval);
        RequirePositive(errors, FailureDetectorSettingKeys.MinStdDeviation, MinStdDeviation);
        RequirePositive(errors, FailureDetectorSettingKeys.LocalPauseThreshold, LocalPauseThreshold);
        RequirePositive(errors, FailureDetectorSettingKeys.FlapWindow, FlapWindow);
        RequireNotNegative(errors, FailureDetectorSettingKeys.AcceptableHeartbeatPause, AcceptableHeartbeatPause);
        RequireNotNegative(errors, FailureDetectorSettingKeys.BacklogThreshold, BacklogThreshold);

        if (MaxInterval > TimeSpan.Zero && InitialInterval > MaxInterval)
        {
            warnings.Add($"{FailureDetectorSettingKeys.InitialInterval} = {Format(InitialInterval)} is longer than {FailureDetectorSettingKeys.MaxInterval} = {Format(MaxInterval)}: gaps of the expected size would never be recorded");
        }

        return new FailureDetectorSettingsValidation(errors, warnings);
    }

    /// <summary>The check applied both at start-up and when the threshold is changed at run time.</summary>
    public static (string? Error, string? Warning) ValidatePhiConvictThreshold(double value)
    {
        var text = value.ToString("0.###", CultureInfo.InvariantCulture);
        if (!double.IsFinite(value) || value < MinimumPhiConvictThreshold || value > MaximumPhiConvictThreshold)
        {
            return ($"{FailureDetectorSettingKeys.PhiConvictThreshold} = {text} is out of range; the accepted range is 5-16 (10-12 suits noisy networks)", null);
        }

        if (value > HighPhiConvictThreshold)
        {
            return (null, $"{FailureDetectorSettingKeys.PhiConvictThreshold} = {text} is above 12: crashed nodes will take a long time to be convicted (10-12 is the usual range for noisy networks)");
        }

        return (null, null);
    }

    internal IPhiModel CreateModel() => Model switch
    {
        PhiModelKind.Normal => new NormalPhiModel(MinStdDeviation.TotalMilliseconds, AcceptableHeartbeatPause.TotalMilliseconds),
        _ => new ExponentialPhiModel(),
    };

    private static void RequirePositive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} = {Format(value)} must be positive");
        }
    }

    private static void RequireNotNegative(List<string> errors, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{key} = {Format(value)} must not be negative");
        }
    }

    private static string Format(TimeSpan value) =>
        value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";
}
