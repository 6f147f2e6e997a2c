using GossipActors.ClusterComparison.Systems;

namespace GossipActors.ClusterComparison;

/// <summary>The systems the harness knows by name on the command line.</summary>
public static class SystemCatalog
{
    public const string Gossip = "gossip";
    public const string GossipNormal = "gossip-normal";
    public const string GossipCassandra = "gossip-cassandra";
    public const string Akka = "akka";
    public const string Serf = "serf";

    public static readonly IReadOnlyList<string> Names = [Gossip, GossipNormal, GossipCassandra, Akka, Serf];

    /// <summary>The fast profile's only setting; it is passed, not defined here (reference.conf holds the defaults).</summary>
    public const string FastProfileSetting = "gossip.interval=200ms";

    /// <param name="gossipNode">How GossipActors nodes are started (prepared once per run).</param>
    public static ISystemUnderTest Create(string name, RunOptions options, Func<GossipNodeCommand> gossipNode)
    {
        ArgumentNullException.ThrowIfNull(options);
        var profile = options.Profile == "fast" ? ", fast profile" : string.Empty;
        var extra = options.GossipSettings.Count > (options.Profile == "fast" ? 1 : 0) ? ", with --set" : string.Empty;
        return name switch
        {
            Gossip => new GossipSystem($"GossipActors, defaults{profile}{extra}", options.GossipSettings, gossipNode),
            // The normal model on heartbeats learnt through gossip, with the 3 s pause it was tuned with: the figures of
            // the issue's table and of the runs before direct heartbeats became the default.
            GossipNormal => new GossipSystem(
                $"GossipActors, normal model on gossip{profile}{extra}",
                [.. options.GossipSettings, "gossip.failure-detector.heartbeats=gossip", "gossip.failure-detector.model=normal", "gossip.failure-detector.acceptable-heartbeat-pause=3s"],
                gossipNode),
            // Cassandra's detector, one setting away from the defaults.
            GossipCassandra => new GossipSystem(
                $"GossipActors, Cassandra's detector{profile}{extra}",
                [.. options.GossipSettings, "gossip.failure-detector.heartbeats=gossip"],
                gossipNode),
            Akka => new AkkaSystem(),
            Serf => new SerfSystem(),
            _ => throw new ArgumentException($"unknown system '{name}' (expected one of {string.Join(", ", Names)})", nameof(name)),
        };
    }
}
