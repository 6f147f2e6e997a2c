using System.Globalization;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The <c>gossip</c> section of the configuration, typed. <see cref="FromConfig"/> is the only way to get one:
/// hocon/reference.conf is the one place defaults live, and a value chosen in code goes through the same binding
/// as a file, so that <c>auto</c> values follow it (<c>gossip.interval = 250ms</c> makes the failure detector
/// evaluate every 250 ms and seed new windows with 500 ms). Every error names the setting. The local address is
/// not here: it is the transport's.
/// <code>
/// var settings = GossipNodeSettings.FromConfig(HoconConfig.ParseString("gossip { seeds = [\"10.0.0.1:7000\"], interval = 250ms }"));
/// </code>
/// </summary>
public sealed record GossipNodeSettings
{
    private GossipNodeSettings(Config c, SettingProblems problems)
    {
        // The upper bounds are documented next to each setting in hocon/reference.conf; each says why.
        ClusterName = problems.Read(() => c.GetString("gossip.cluster-name"), "(unreadable)");
        Interval = problems.Read(() => c.GetPositiveDuration("gossip.interval", TimeSpan.FromMinutes(1)), TimeSpan.FromSeconds(1));
        Seeds = problems.Read(() => BindSeeds(c), []);
        DataDir = problems.Read(() => c.GetString("gossip.data-dir"), string.Empty) is { Length: > 0 } dir ? dir : null;
        ShadowRoundTimeout = problems.Read(() => c.GetPositiveDuration("gossip.shadow-round-timeout", TimeSpan.FromMinutes(10)), TimeSpan.Zero);
        ShadowRoundResendInterval = problems.Read(() => c.GetPositiveDuration("gossip.shadow-round-resend-interval", TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        ShadowRoundFirstResendInterval = problems.Read(() => c.GetPositiveDuration("gossip.shadow-round-first-resend-interval", TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        if (ShadowRoundFirstResendInterval > ShadowRoundResendInterval && ShadowRoundResendInterval > TimeSpan.Zero)
        {
            problems.Add(ConfigException.Invalid(c, "gossip.shadow-round-first-resend-interval",
                $"must not be longer than gossip.shadow-round-resend-interval ({ShadowRoundResendInterval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms), the cap of its doubling").Message);
        }

        NewsRoundMinGap = problems.Read(() => c.GetDurationWithin("gossip.news-round-min-gap", TimeSpan.Zero, TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        RoundTimeout = problems.Read(() => c.GetPositiveDuration("gossip.round-timeout", TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        QuarantineDelay = problems.Read(() => c.GetPositiveDuration("gossip.quarantine-delay", TimeSpan.FromDays(1)), TimeSpan.Zero);
        DeadEndpointExpiry = problems.Read(() => c.GetPositiveDuration("gossip.dead-endpoint-expiry", TimeSpan.FromDays(30)), TimeSpan.Zero);
        MaxGenerationDrift = problems.Read(() => c.GetPositiveDuration("gossip.max-generation-drift", TimeSpan.FromDays(3650)), TimeSpan.Zero);
        EchoTimeout = problems.Read(() => c.GetPositiveDuration("gossip.echo-timeout", TimeSpan.FromMinutes(1)), TimeSpan.Zero);
        ClockSkewWarning = problems.Read(() => c.GetPositiveDuration("gossip.clock-skew-warning", TimeSpan.FromHours(1)), TimeSpan.Zero);
        LoadPublishInterval = problems.Read(() => c.GetPositiveDuration("gossip.load-publish-interval", TimeSpan.FromDays(1)), TimeSpan.Zero);
        Dc = problems.Read(() => c.GetString("gossip.dc"), string.Empty);
        Rack = problems.Read(() => c.GetString("gossip.rack"), string.Empty);
        MaximumMessageSize = problems.Read(() => MessageSizeSetting.Bind(c), MessageSizeSetting.Minimum);
        ApplicationStates = problems.Read(() => BindApplicationStates(c, MaximumMessageSize), new Dictionary<string, string>());
        FailureDetector = FailureDetectorBinding.Bind(c, Interval, problems);
        Fanout = problems.Read(() => BindFanout(c, FailureDetector.Heartbeats), 1);
        ClusterSettings = problems.Read(() => ClusterSettingsFingerprint.Of(c), null);
        OverrideDecommission = problems.Read(() => c.GetBoolean("gossip.override-decommission"), false);
        DiscardCorruptState = problems.Read(() => c.GetBoolean("gossip.discard-corrupt-state"), false);
        NewCluster = problems.Read(() => c.GetBoolean("gossip.new-cluster"), false);
        if (string.IsNullOrWhiteSpace(ClusterName))
        {
            problems.Add(ConfigException.Invalid(c, "gossip.cluster-name", "must not be empty").Message);
        }
    }

    public string ClusterName { get; }

    public TimeSpan Interval { get; }

    /// <summary>
    /// <c>gossip.fanout</c>: a number, or auto = 1 with direct heartbeats (Cassandra's and Akka's one peer a round: gossip
    /// only spreads state, the detector has its own heartbeats) and 2 with heartbeats = gossip (the detector's arrivals
    /// come from gossip, and two peers a round make them frequent and even enough).
    /// </summary>
    private static int BindFanout(Config c, HeartbeatSource heartbeats)
    {
        const string Path = "gossip.fanout";
        var accepted = string.Create(CultureInfo.InvariantCulture, $"auto or 1-{GossipSettings.MaxFanout}");
        var text = c.GetString(Path);
        if (string.Equals(text, "auto", StringComparison.Ordinal))
        {
            return heartbeats == HeartbeatSource.Direct ? 1 : 2;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fanout)
            ? fanout is >= 1 and <= GossipSettings.MaxFanout ? fanout : throw BoundedReads.OutOfRange(c, Path, accepted)
            : throw ConfigException.Invalid(c, Path, $"= '{text}' is not a number of peers; accepted {accepted}");
    }

    /// <summary>Live peers each round gossips with (Cassandra: 1); see <see cref="GossipSettings.Fanout"/>.</summary>
    public int Fanout { get; }

    public IReadOnlyList<EndpointAddress> Seeds { get; }

    /// <summary>Where host id, generation and the peer table are kept; null (an empty <c>gossip.data-dir</c>) keeps nothing.</summary>
    public string? DataDir { get; }

    public TimeSpan ShadowRoundTimeout { get; }

    /// <summary>The cap of the shadow round's doubling resend gap.</summary>
    public TimeSpan ShadowRoundResendInterval { get; }

    /// <summary>The shadow round's first resend gap; it doubles after each resend up to <see cref="ShadowRoundResendInterval"/>.</summary>
    public TimeSpan ShadowRoundFirstResendInterval { get; }

    /// <summary>Shortest time between two news rounds; zero turns them off (see <see cref="GossipSettings.NewsRoundMinGapMs"/>).</summary>
    public TimeSpan NewsRoundMinGap { get; }

    public TimeSpan RoundTimeout { get; }

    public TimeSpan QuarantineDelay { get; }

    public TimeSpan DeadEndpointExpiry { get; }

    public TimeSpan MaxGenerationDrift { get; }

    /// <summary>An unanswered echo is re-sent no sooner than this.</summary>
    public TimeSpan EchoTimeout { get; }

    /// <summary>A peer whose clock is further than this from ours is named in a warning, and in <c>gossipctl check</c>.</summary>
    public TimeSpan ClockSkewWarning { get; }

    /// <summary>How often the node publishes LOAD (see <see cref="NodeLoad"/>); also once when gossip begins.</summary>
    public TimeSpan LoadPublishInterval { get; }

    public string Dc { get; }

    public string Rack { get; }

    /// <summary>Extra application states published from the start (like Serf tags).</summary>
    public IReadOnlyDictionary<string, string> ApplicationStates { get; }

    public FailureDetectorSettings FailureDetector { get; }

    /// <summary>What this node gossips as CONFIG, so that peers with other cluster-wide settings are named (null only alongside a reported problem).</summary>
    public ClusterSettingsFingerprint? ClusterSettings { get; }

    /// <summary>
    /// <c>remote.maximum-message-size</c>: the largest message this node sends or accepts. Gossip holds it because an
    /// application state that cannot fit in one message would make every ACK carrying it fail, so it is refused when set.
    /// </summary>
    public int MaximumMessageSize { get; }

    /// <summary>Start-up only: let a node that was decommissioned start again with its old data directory.</summary>
    public bool OverrideDecommission { get; }

    /// <summary>Start-up only: move a corrupt local.json aside and start with a new host id instead of refusing to start.</summary>
    public bool DiscardCorruptState { get; }

    /// <summary>Start-up only: forming a new cluster (no seeds but this node, no remembered peers) is intended, so it is not warned about.</summary>
    public bool NewCluster { get; }

    /// <summary>
    /// Reads <c>gossip</c> and <c>gossip.failure-detector</c> from <paramref name="config"/> over
    /// hocon/reference.conf and validates the result. <paramref name="config"/> may be unresolved (its
    /// substitutions then see the reference settings) or as small as one line set in code.
    /// </summary>
    /// <exception cref="ConfigException">A value has the wrong type or is out of range; the message names the setting.</exception>
    /// <exception cref="FailureDetectorSettingsException">The failure detector settings are invalid (for example the threshold outside 5-16).</exception>
    public static GossipNodeSettings FromConfig(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var resolved = HoconConfig.LoadWithDefaults(config);
        var problems = new SettingProblems();
        var settings = new GossipNodeSettings(resolved, problems);
        problems.ThrowIfAny();
        FailureDetectorBinding.Validate(resolved, settings.FailureDetector);
        return settings;
    }

    /// <summary>The pure core's view of these settings.</summary>
    public GossipSettings ToGossipSettings() => new()
    {
        ClusterName = ClusterName,
        Seeds = Seeds,
        IntervalMs = (long)Interval.TotalMilliseconds,
        Fanout = Fanout,
        ShadowRoundTimeoutMs = (long)ShadowRoundTimeout.TotalMilliseconds,
        ShadowRoundFirstResendMs = (long)ShadowRoundFirstResendInterval.TotalMilliseconds,
        ShadowRoundResendMs = (long)ShadowRoundResendInterval.TotalMilliseconds,
        NewsRoundMinGapMs = (long)NewsRoundMinGap.TotalMilliseconds,
        QuarantineDelayMs = (long)QuarantineDelay.TotalMilliseconds,
        DeadEndpointExpiryMs = (long)DeadEndpointExpiry.TotalMilliseconds,
        MaxGenerationDriftSeconds = (long)MaxGenerationDrift.TotalSeconds,
        EchoRetryMs = (long)EchoTimeout.TotalMilliseconds,
        ClockSkewWarningMs = (long)ClockSkewWarning.TotalMilliseconds,
    };

    private static List<EndpointAddress> BindSeeds(Config c)
    {
        var seeds = new List<EndpointAddress>();
        var seedTexts = c.GetStringList("gossip.seeds");
        for (var i = 0; i < seedTexts.Count; i++)
        {
            if (!EndpointAddress.TryParse(seedTexts[i], out var seed, out var error))
            {
                var where = c.GetList("gossip.seeds")[i].Origin.ToLocationString();
                throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"gossip.seeds[{i}] '{seedTexts[i]}' is not HOST:PORT: {error} (set at {where})"));
            }

            seeds.Add(seed);
        }

        return seeds;
    }

    private static Dictionary<string, string> BindApplicationStates(Config c, int maximumMessageSize)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.HasPath("gossip.application-states"))
        {
            foreach (var (key, value) in c.GetObject("gossip.application-states"))
            {
                var path = "gossip.application-states." + QuoteKey(key);
                if (key == ApplicationStateKeys.Config)
                {
                    throw ConfigException.Invalid(c, path, $"{ApplicationStateKeys.Config} is the node's own: the fingerprint of its cluster-wide settings, which peers compare with theirs");
                }

                if (key == ApplicationStateKeys.Unreachable)
                {
                    throw ConfigException.Invalid(c, path, $"{ApplicationStateKeys.Unreachable} is the node's own: the peers its failure detector convicted as their observer, which every node acts on");
                }

                states[key] = value is HoconString s ? s.Value : c.GetString(path);
                if (ApplicationStateSize.Refusal(key, states[key], maximumMessageSize) is { } refusal)
                {
                    throw ConfigException.Invalid(c, path, refusal);
                }
            }
        }

        return states;
    }

    private static string QuoteKey(string key) => "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
