using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// Binds <c>gossip.failure-detector</c>. Only <see cref="GossipNodeSettings"/> calls it, with the gossip interval it
/// bound from the same configuration, so an <c>auto</c> value can never follow a different interval than the node's.
/// </summary>
internal static class FailureDetectorBinding
{
    public static FailureDetectorSettings Bind(Config c, TimeSpan gossipInterval)
    {
        var modelText = c.GetString(FailureDetectorSettingKeys.Model);
        var model = modelText switch
        {
            "exponential" => PhiModelKind.Exponential,
            "normal" => PhiModelKind.Normal,
            _ => throw new ConfigException($"{FailureDetectorSettingKeys.Model} = '{modelText}' is not a known model; accepted values are exponential, normal"),
        };
        return new FailureDetectorSettings
        {
            Model = model,
            PhiConvictThreshold = c.GetDouble(FailureDetectorSettingKeys.PhiConvictThreshold),
            EvaluationInterval = DurationOrAuto(c, FailureDetectorSettingKeys.EvaluationInterval, gossipInterval),
            WindowSize = c.GetInt(FailureDetectorSettingKeys.WindowSize),
            InitialInterval = DurationOrAuto(c, FailureDetectorSettingKeys.InitialInterval, 2 * gossipInterval),
            MaxInterval = c.GetDuration(FailureDetectorSettingKeys.MaxInterval),
            MinStdDeviation = c.GetDuration(FailureDetectorSettingKeys.MinStdDeviation),
            AcceptableHeartbeatPause = c.GetDuration(FailureDetectorSettingKeys.AcceptableHeartbeatPause),
            LocalPauseThreshold = c.GetDuration(FailureDetectorSettingKeys.LocalPauseThreshold),
            BacklogThreshold = c.GetDuration(FailureDetectorSettingKeys.BacklogThreshold),
            FlapWindow = c.GetDuration(FailureDetectorSettingKeys.FlapWindow),
        };
    }

    /// <summary>"auto" follows the gossip interval, so changing only <c>gossip.interval</c> keeps the detector in step.</summary>
    private static TimeSpan DurationOrAuto(Config c, string key, TimeSpan automatic) =>
        c.GetValue(key) is HoconString { Value: "auto" } ? automatic : c.GetDuration(key);
}
