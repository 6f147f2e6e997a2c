using System.Globalization;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The <c>gossip</c> section of the configuration, typed. <see cref="FromConfig"/> binds it from HOCON
/// (reference.conf supplies every default); every error names the setting. The local address is not
/// here: it is the transport's.
/// </summary>
public sealed record GossipNodeSettings
{
    public string ClusterName { get; init; } = "GossipActors";

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Live peers each round gossips with (Cassandra: 1); see <see cref="GossipSettings.Fanout"/>.</summary>
    public int Fanout { get; init; } = GossipSettings.DefaultFanout;

    public IReadOnlyList<EndpointAddress> Seeds { get; init; } = [];

    /// <summary>Where host id, generation and the peer table are kept; null keeps nothing (tests, simulations).</summary>
    public string? DataDir { get; init; }

    public TimeSpan ShadowRoundTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan ShadowRoundResendInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan RoundTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan QuarantineDelay { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan DeadEndpointExpiry { get; init; } = TimeSpan.FromDays(3);

    public TimeSpan MaxGenerationDrift { get; init; } = TimeSpan.FromDays(365);

    /// <summary>An unanswered echo is re-sent no sooner than this.</summary>
    public TimeSpan EchoTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the node publishes LOAD (see <see cref="NodeLoad"/>); also once when gossip begins.</summary>
    public TimeSpan LoadPublishInterval { get; init; } = TimeSpan.FromSeconds(60);

    public string Dc { get; init; } = "dc1";

    public string Rack { get; init; } = "rack1";

    /// <summary>Extra application states published from the start (like Serf tags).</summary>
    public IReadOnlyDictionary<string, string> ApplicationStates { get; init; } = new Dictionary<string, string>();

    public FailureDetectorSettings FailureDetector { get; init; } = FailureDetectorSettings.Default;

    /// <summary>Start-up only: let a node that was decommissioned start again with its old data directory.</summary>
    public bool OverrideDecommission { get; init; }

    /// <summary>Start-up only: move a corrupt local.json aside and start with a new host id instead of refusing to start.</summary>
    public bool DiscardCorruptState { get; init; }

    /// <summary>Start-up only: forming a new cluster (no seeds but this node, no remembered peers) is intended, so it is not warned about.</summary>
    public bool NewCluster { get; init; }

    /// <summary>
    /// Reads <c>gossip</c> and <c>gossip.failure-detector</c> from <paramref name="config"/> over the
    /// reference defaults and validates the result.
    /// </summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range; the message names the setting.</exception>
    /// <exception cref="FailureDetectorSettingsException">The failure detector settings are invalid (for example the threshold outside 5-16).</exception>
    public static GossipNodeSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var c = HoconConfig.LoadWithDefaults(config);
        var seeds = new List<EndpointAddress>();
        var seedTexts = c.GetStringList("gossip.seeds");
        for (var i = 0; i < seedTexts.Count; i++)
        {
            if (!EndpointAddress.TryParse(seedTexts[i], out var seed, out var error))
            {
                throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"gossip.seeds[{i}]: {error}"));
            }

            seeds.Add(seed);
        }

        var appStates = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.HasPath("gossip.application-states"))
        {
            foreach (var (key, value) in c.GetObject("gossip.application-states"))
            {
                appStates[key] = value is HoconString s ? s.Value : c.GetString("gossip.application-states." + QuoteKey(key));
            }
        }

        var settings = new GossipNodeSettings
        {
            ClusterName = c.GetString("gossip.cluster-name"),
            Interval = c.GetDuration("gossip.interval"),
            Fanout = c.GetInt("gossip.fanout"),
            Seeds = seeds,
            DataDir = c.GetString("gossip.data-dir") is { Length: > 0 } dir ? dir : null,
            ShadowRoundTimeout = c.GetDuration("gossip.shadow-round-timeout"),
            ShadowRoundResendInterval = c.GetDuration("gossip.shadow-round-resend-interval"),
            RoundTimeout = c.GetDuration("gossip.round-timeout"),
            QuarantineDelay = c.GetDuration("gossip.quarantine-delay"),
            DeadEndpointExpiry = c.GetDuration("gossip.dead-endpoint-expiry"),
            MaxGenerationDrift = c.GetDuration("gossip.max-generation-drift"),
            EchoTimeout = c.GetDuration("gossip.echo-timeout"),
            LoadPublishInterval = c.GetDuration("gossip.load-publish-interval"),
            Dc = c.GetString("gossip.dc"),
            Rack = c.GetString("gossip.rack"),
            ApplicationStates = appStates,
            FailureDetector = BindFailureDetector(c, c.GetDuration("gossip.interval")),
            OverrideDecommission = c.GetBoolean("gossip.override-decommission"),
            DiscardCorruptState = c.GetBoolean("gossip.discard-corrupt-state"),
            NewCluster = c.GetBoolean("gossip.new-cluster"),
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Refuses settings the node cannot run with; every message names the setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClusterName))
        {
            errors.Add("gossip.cluster-name must not be empty");
        }

        Positive(errors, "gossip.interval", Interval);
        if (Fanout is < 1 or > GossipSettings.MaxFanout)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"gossip.fanout = {Fanout} is out of range; accepted 1-{GossipSettings.MaxFanout} live peers per round"));
        }

        Positive(errors, "gossip.shadow-round-timeout", ShadowRoundTimeout);
        Positive(errors, "gossip.shadow-round-resend-interval", ShadowRoundResendInterval);
        Positive(errors, "gossip.round-timeout", RoundTimeout);
        Positive(errors, "gossip.quarantine-delay", QuarantineDelay);
        Positive(errors, "gossip.dead-endpoint-expiry", DeadEndpointExpiry);
        Positive(errors, "gossip.max-generation-drift", MaxGenerationDrift);
        Positive(errors, "gossip.echo-timeout", EchoTimeout);
        Positive(errors, "gossip.load-publish-interval", LoadPublishInterval);
        if (errors.Count > 0)
        {
            throw new ConfigException(string.Join(Environment.NewLine, errors));
        }

        FailureDetector.Validate().ThrowIfInvalid();
    }

    /// <summary>The pure core's view of these settings.</summary>
    public GossipSettings ToGossipSettings() => new()
    {
        ClusterName = ClusterName,
        Seeds = Seeds,
        IntervalMs = (long)Interval.TotalMilliseconds,
        Fanout = Fanout,
        ShadowRoundTimeoutMs = (long)ShadowRoundTimeout.TotalMilliseconds,
        ShadowRoundResendMs = (long)ShadowRoundResendInterval.TotalMilliseconds,
        QuarantineDelayMs = (long)QuarantineDelay.TotalMilliseconds,
        DeadEndpointExpiryMs = (long)DeadEndpointExpiry.TotalMilliseconds,
        MaxGenerationDriftSeconds = (long)MaxGenerationDrift.TotalSeconds,
        EchoRetryMs = (long)EchoTimeout.TotalMilliseconds,
    };

    private static FailureDetectorSettings BindFailureDetector(Config c, TimeSpan gossipInterval)
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

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} = {value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms must be positive");
        }
    }

    private static string QuoteKey(string key) => "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
