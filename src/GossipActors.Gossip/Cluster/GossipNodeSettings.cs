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
    private GossipNodeSettings(Config c)
    {
        ClusterName = c.GetString("gossip.cluster-name");
        Interval = c.GetDuration("gossip.interval");
        Fanout = c.GetInt("gossip.fanout");
        Seeds = BindSeeds(c);
        DataDir = c.GetString("gossip.data-dir") is { Length: > 0 } dir ? dir : null;
        ShadowRoundTimeout = c.GetDuration("gossip.shadow-round-timeout");
        ShadowRoundResendInterval = c.GetDuration("gossip.shadow-round-resend-interval");
        RoundTimeout = c.GetDuration("gossip.round-timeout");
        QuarantineDelay = c.GetDuration("gossip.quarantine-delay");
        DeadEndpointExpiry = c.GetDuration("gossip.dead-endpoint-expiry");
        MaxGenerationDrift = c.GetDuration("gossip.max-generation-drift");
        EchoTimeout = c.GetDuration("gossip.echo-timeout");
        LoadPublishInterval = c.GetDuration("gossip.load-publish-interval");
        Dc = c.GetString("gossip.dc");
        Rack = c.GetString("gossip.rack");
        ApplicationStates = BindApplicationStates(c);
        FailureDetector = FailureDetectorBinding.Bind(c, Interval);
        OverrideDecommission = c.GetBoolean("gossip.override-decommission");
        DiscardCorruptState = c.GetBoolean("gossip.discard-corrupt-state");
        NewCluster = c.GetBoolean("gossip.new-cluster");
    }

    public string ClusterName { get; }

    public TimeSpan Interval { get; }

    /// <summary>Live peers each round gossips with (Cassandra: 1); see <see cref="GossipSettings.Fanout"/>.</summary>
    public int Fanout { get; }

    public IReadOnlyList<EndpointAddress> Seeds { get; }

    /// <summary>Where host id, generation and the peer table are kept; null (an empty <c>gossip.data-dir</c>) keeps nothing.</summary>
    public string? DataDir { get; }

    public TimeSpan ShadowRoundTimeout { get; }

    public TimeSpan ShadowRoundResendInterval { get; }

    public TimeSpan RoundTimeout { get; }

    public TimeSpan QuarantineDelay { get; }

    public TimeSpan DeadEndpointExpiry { get; }

    public TimeSpan MaxGenerationDrift { get; }

    /// <summary>An unanswered echo is re-sent no sooner than this.</summary>
    public TimeSpan EchoTimeout { get; }

    /// <summary>How often the node publishes LOAD (see <see cref="NodeLoad"/>); also once when gossip begins.</summary>
    public TimeSpan LoadPublishInterval { get; }

    public string Dc { get; }

    public string Rack { get; }

    /// <summary>Extra application states published from the start (like Serf tags).</summary>
    public IReadOnlyDictionary<string, string> ApplicationStates { get; }

    public FailureDetectorSettings FailureDetector { get; }

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
        var settings = new GossipNodeSettings(HoconConfig.LoadWithDefaults(config));
        settings.Validate();
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
        ShadowRoundResendMs = (long)ShadowRoundResendInterval.TotalMilliseconds,
        QuarantineDelayMs = (long)QuarantineDelay.TotalMilliseconds,
        DeadEndpointExpiryMs = (long)DeadEndpointExpiry.TotalMilliseconds,
        MaxGenerationDriftSeconds = (long)MaxGenerationDrift.TotalSeconds,
        EchoRetryMs = (long)EchoTimeout.TotalMilliseconds,
    };

    private static List<EndpointAddress> BindSeeds(Config c)
    {
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

        return seeds;
    }

    private static Dictionary<string, string> BindApplicationStates(Config c)
    {
        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.HasPath("gossip.application-states"))
        {
            foreach (var (key, value) in c.GetObject("gossip.application-states"))
            {
                states[key] = value is HoconString s ? s.Value : c.GetString("gossip.application-states." + QuoteKey(key));
            }
        }

        return states;
    }

    private static string QuoteKey(string key) => "\"" + key.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Refuses settings the node cannot run with; every message names the setting.</summary>
    private void Validate()
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

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key} = {value.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms must be positive");
        }
    }
}
