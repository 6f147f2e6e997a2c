using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// Binds <c>gossip.failure-detector</c>. Only <see cref="GossipNodeSettings"/> calls it, with the gossip interval it
/// bound from the same configuration, so an <c>auto</c> value can never follow a different interval than the node's.
/// The upper bounds are documented next to each setting in hocon/reference.conf.
/// </summary>
internal static class FailureDetectorBinding
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    /// <summary>
    /// <c>evaluation-interval = auto</c> with direct heartbeats: evaluations happen at crossings, and this many per
    /// heartbeat interval only while the gossip stage is behind (documented in reference.conf).
    /// </summary>
    private const int DirectEvaluationsPerHeartbeat = 5;

    /// <summary>The largest <c>observers</c> accepted (documented in reference.conf); more is "every peer" in practice.</summary>
    private const int MaxObservers = 1000;

    public static FailureDetectorSettings Bind(Config c, TimeSpan gossipInterval, SettingProblems problems)
    {
        var heartbeats = problems.Read(() => Heartbeats(c), HeartbeatSource.Direct);
        var heartbeatInterval = problems.Read(() => c.GetPositiveDuration(FailureDetectorSettingKeys.HeartbeatInterval, OneMinute), OneMinute);
        var direct = heartbeats == HeartbeatSource.Direct;
        return new FailureDetectorSettings
        {
            Model = problems.Read(() => Model(c, direct), PhiModelKind.Exponential),
            Heartbeats = heartbeats,
            HeartbeatInterval = heartbeatInterval,
            Observers = problems.Read(() => ObserversOrAuto(c), null),
            PhiConvictThreshold = problems.Read(() => c.GetDouble(FailureDetectorSettingKeys.PhiConvictThreshold), FailureDetectorSettings.MinimumPhiConvictThreshold),
            EvaluationInterval = problems.Read(
                () => DurationOrAuto(c, FailureDetectorSettingKeys.EvaluationInterval, direct ? heartbeatInterval / DirectEvaluationsPerHeartbeat : gossipInterval, OneMinute),
                gossipInterval),
            EvaluateAtCrossings = direct && c.GetValue(FailureDetectorSettingKeys.EvaluationInterval) is HoconString { Value: "auto" },
            WindowSize = problems.Read(() => c.GetIntWithin(FailureDetectorSettingKeys.WindowSize, 1, 100_000), 1),
            InitialInterval = problems.Read(() => DurationOrAuto(c, FailureDetectorSettingKeys.InitialInterval, 2 * gossipInterval, OneMinute), gossipInterval),
            MaxInterval = problems.Read(() => c.GetPositiveDuration(FailureDetectorSettingKeys.MaxInterval, TenMinutes), OneMinute),
            MinStdDeviation = problems.Read(() => c.GetPositiveDuration(FailureDetectorSettingKeys.MinStdDeviation, OneMinute), OneMinute),
            AcceptableHeartbeatPause = problems.Read(() => c.GetDurationWithin(FailureDetectorSettingKeys.AcceptableHeartbeatPause, TimeSpan.Zero, TenMinutes), TimeSpan.Zero),
            LocalPauseThreshold = problems.Read(() => c.GetPositiveDuration(FailureDetectorSettingKeys.LocalPauseThreshold, TenMinutes), OneMinute),
            BacklogThreshold = problems.Read(() => c.GetDurationWithin(FailureDetectorSettingKeys.BacklogThreshold, TimeSpan.Zero, OneMinute), TimeSpan.Zero),
            FlapWindow = problems.Read(() => c.GetPositiveDuration(FailureDetectorSettingKeys.FlapWindow, TimeSpan.FromDays(1)), OneMinute),
        };
    }

    /// <summary>
    /// The detector's own rules (the threshold's range, shared with <c>setphi</c>), with where each offending value was
    /// set appended: every message of <see cref="FailureDetectorSettings.Validate"/> starts with the setting's path.
    /// </summary>
    /// <exception cref="FailureDetectorSettingsException">A rule is broken.</exception>
    public static void Validate(Config c, FailureDetectorSettings settings)
    {
        var validation = settings.Validate();
        if (validation.IsValid)
        {
            return;
        }

        throw new FailureDetectorSettingsException(validation.Errors.Select(error => WithOrigin(c, error)).ToList());
    }

    private static string WithOrigin(Config c, string error)
    {
        var end = error.IndexOf(' ', StringComparison.Ordinal);
        var path = end > 0 ? error[..end] : error;
        return path.StartsWith(FailureDetectorSettingKeys.Section, StringComparison.Ordinal) && c.OriginOf(path) is { } origin
            ? $"{error} (set at {origin.ToLocationString()})"
            : error;
    }

    /// <summary>
    /// <c>auto</c>: Akka's normal model with direct heartbeats (regular arrivals, where a fixed acceptable pause says what
    /// a pause may last), Cassandra's exponential one with gossip's, so <c>heartbeats = gossip</c> alone gives Cassandra's detector.
    /// </summary>
    private static PhiModelKind Model(Config c, bool direct)
    {
        var modelText = c.GetString(FailureDetectorSettingKeys.Model);
        return modelText switch
        {
            "auto" => direct ? PhiModelKind.Normal : PhiModelKind.Exponential,
            "exponential" => PhiModelKind.Exponential,
            "normal" => PhiModelKind.Normal,
            _ => throw ConfigException.Invalid(c, FailureDetectorSettingKeys.Model, $"= '{modelText}' is not a known model; accepted values are auto, exponential, normal"),
        };
    }

    private static HeartbeatSource Heartbeats(Config c)
    {
        var text = c.GetString(FailureDetectorSettingKeys.Heartbeats);
        return text switch
        {
            "direct" => HeartbeatSource.Direct,
            "gossip" => HeartbeatSource.Gossip,
            _ => throw ConfigException.Invalid(c, FailureDetectorSettingKeys.Heartbeats, $"= '{text}' is not a known heartbeat source; accepted values are direct, gossip"),
        };
    }

    /// <summary>"auto" follows the gossip interval, so changing only <c>gossip.interval</c> keeps the detector in step.</summary>
    /// <summary><c>auto</c> is null: the ring decides from the cluster's size (<see cref="FailureDetectorSettings.Observers"/>).</summary>
    private static int? ObserversOrAuto(Config c) =>
        c.GetValue(FailureDetectorSettingKeys.Observers) is HoconString { Value: "auto" } ? null : c.GetIntWithin(FailureDetectorSettingKeys.Observers, 0, MaxObservers);

    private static TimeSpan DurationOrAuto(Config c, string key, TimeSpan automatic, TimeSpan maximum) =>
        c.GetValue(key) is HoconString { Value: "auto" } ? automatic : c.GetPositiveDuration(key, maximum);
}
