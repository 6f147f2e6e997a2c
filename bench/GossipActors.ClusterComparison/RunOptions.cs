using GossipActors.ClusterComparison.Systems;

namespace GossipActors.ClusterComparison;

/// <summary>One invocation's settings, as parsed from the command line.</summary>
/// <param name="NodeCounts">Cluster sizes, run one after the other.</param>
/// <param name="Systems">Names from <see cref="SystemCatalog"/>, run in this order at each size.</param>
/// <param name="GossipSettings">path=value pairs passed to every GossipActors node with --set (the profile's first).</param>
/// <param name="Profile">default, or fast (gossip.interval = 200ms on GossipActors nodes).</param>
/// <param name="Settle">Wait after convergence before the idle window opens (start-up work ends).</param>
/// <param name="Idle">The idle window (d).</param>
/// <param name="Sets">Application-state sets for (e).</param>
/// <param name="Poll">How often views are read; the time resolution of (a), (b), (c) and (e).</param>
/// <param name="Timeout">Deadline of each phase.</param>
/// <param name="WorkDirectory">Where node data and logs go.</param>
/// <param name="Kills">Nodes killed one after the other in (c), each once the previous is down everywhere; the figures are the medians.</param>
/// <param name="Seed">Seeds the random delay before each kill (<see cref="Measurement.KillPlan"/>).</param>
/// <param name="NodeLaunch">How GossipActors nodes are started: published (README's way: dotnet publish, one native executable), readytorun (the ReadyToRun publish) or dll (dotnet exec of the build output).</param>
public sealed record RunOptions(
    IReadOnlyList<int> NodeCounts,
    IReadOnlyList<string> Systems,
    IReadOnlyList<string> GossipSettings,
    string Profile,
    TimeSpan Settle,
    TimeSpan Idle,
    int Sets,
    TimeSpan Poll,
    TimeSpan Timeout,
    string WorkDirectory,
    string NodeLaunch = GossipNodeCommand.Published,
    int Kills = 1,
    int Seed = 1);
