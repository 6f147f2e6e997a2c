namespace GossipActors.Protocol.Gossip;

/// <summary>
/// The <c>gossip</c> settings the pure core needs, in milliseconds. No value has a default here: they come from
/// hocon/reference.conf under the user's configuration (<c>GossipNodeSettings.ToGossipSettings</c>), which follows
/// Cassandra so that operators' intuition carries over (RING_DELAY 30 s, QUARANTINE_DELAY = 2 × RING_DELAY,
/// 3-day expiry). The constants are protocol rules and limits, not settings.
/// </summary>
public sealed record GossipSettings
{
    public const long Day = 24L * 60 * 60 * 1000;

    /// <summary>Accepted range of <see cref="Fanout"/>: more peers per round only multiplies traffic.</summary>
    public const int MaxFanout = 10;

    /// <summary>How long a LEFT status is kept before the endpoint is evicted (Cassandra's aVeryLongTime).</summary>
    public const long LeftStateExpiryMs = 3 * Day;

    /// <summary>News rounds a node runs for one piece of news (each one <see cref="NewsRoundMinGapMs"/> after the last).</summary>
    public const int NewsRounds = 3;

    /// <summary>
    /// The fewest live peers a news round gossips with, whatever <see cref="Fanout"/> is: news (a join, a restart, a
    /// claim) is rare and wanted everywhere at once, so it is spread as fast as with two peers a round even where
    /// regular rounds use one (fanout auto with direct heartbeats).
    /// </summary>
    public const int NewsFanout = 2;

    /// <summary>Rounds a decommissioned node announces LEAVING before LEFT.</summary>
    public const int LeavingRounds = 3;

    /// <summary>Rounds a decommissioned node keeps gossiping LEFT before it stops, so the cluster hears it.</summary>
    public const int LeftRounds = 5;

    public required string ClusterName { get; init; }

    /// <summary>Same list on every node; a node listed here may bootstrap alone after its shadow round times out.</summary>
    public required IReadOnlyList<Model.EndpointAddress> Seeds { get; init; }

    public required long IntervalMs { get; init; }

    /// <summary>
    /// Live peers each round gossips with. Cassandra uses one; two spreads states in fewer rounds and, when the
    /// failure detector is fed by gossip (<c>heartbeats = gossip</c>), makes heartbeats reach observers often and
    /// regularly enough for the normal model to convict a crash within 10 s without convicting a node that stalls
    /// for 4 s (docs/performance.md, "Failure detector").
    /// </summary>
    public required int Fanout { get; init; }

    public required long ShadowRoundTimeoutMs { get; init; }

    /// <summary>The first gap between shadow-round resends; each later gap doubles, up to <see cref="ShadowRoundResendMs"/>.</summary>
    public required long ShadowRoundFirstResendMs { get; init; }

    /// <summary>The longest gap between shadow-round resends (the cap of the doubling).</summary>
    public required long ShadowRoundResendMs { get; init; }

    /// <summary>
    /// Shortest time between two news rounds (extra rounds that spread a join or a restart at once); 0 turns them off,
    /// so news waits for the regular rounds as in Cassandra.
    /// </summary>
    public required long NewsRoundMinGapMs { get; init; }

    public required long QuarantineDelayMs { get; init; }

    public required long DeadEndpointExpiryMs { get; init; }

    /// <summary>A remote generation further ahead of local time than this is treated as corrupt.</summary>
    public required long MaxGenerationDriftSeconds { get; init; }

    /// <summary>An unanswered echo is re-sent no sooner than this, so a flood of deltas does not flood echoes.</summary>
    public required long EchoRetryMs { get; init; }

    /// <summary>|skew| of a peer's clock above which it is named in a warning (<c>gossip.clock-skew-warning</c>).</summary>
    public required long ClockSkewWarningMs { get; init; }
}
