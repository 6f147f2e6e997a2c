using System.Globalization;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// <c>gossip.failure-detector</c>. A plain record with the reference defaults; binding it from
/// configuration happens elsewhere, validation happens here so every host reports the same errors.
/// </summary>
public sealed record FailureDetectorSettings
{
    /// <summary>Cassandra refuses thresholds outside this range; so do we.</summary>
    public const double MinimumPhiConvictThreshold = 5;

    /// <summary>See <see cref="MinimumPhiConvictThreshold"/>.</summary>
    public const double MaximumPhiConvictThreshold = 16;

    /// <summary>Above this a threshold is accepted with a warning: crashed nodes are then convicted slowly.</summary>
    public const double HighPhiConvictThreshold = 12;

    public static FailureDetectorSettings Default { get; } = new();

    public PhiModelKind Model { get; init; } = PhiModelKind.Exponential;

    public double PhiConvictThreshold { get; init; } = 8;

    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int WindowSize { get; init; } = 1000;

    /// <summary>The expected heartbeat gap a new endpoint's window is seeded from (2 × the gossip interval).</summary>
    public TimeSpan InitialInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longer gaps between heartbeats are not recorded in the window.</summary>
    public TimeSpan MaxInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan LocalPauseThreshold { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan BacklogThreshold { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan FlapWindow { get; init; } = TimeSpan.FromMinutes(10);

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

        if (WindowSize < 1)
        {
            errors.Add($"{FailureDetectorSettingKeys.WindowSize} = {WindowSize} must be at least 1");
        }

        RequirePositive(errors, FailureDetectorSettingKeys.EvaluationInterval, EvaluationInterval);
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
            return ($"{FailureDetectorSettingKeys.PhiConvictThreshold} = {text} is out of range; the accepted range is 5-16 (8 is the default, 10-12 suits noisy networks)", null);
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
