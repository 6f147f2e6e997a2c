using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Tests.Scenarios;

/// <summary>Builds simulated clusters on virtual time with fixed seeds.</summary>
internal static class ClusterFixture
{
    public const long StartMs = 1_700_000_000_000;

    public static SimulatedGossipCluster NewCluster(int seed = 42, long? convictAfterSilenceMs = null, SimulatedNetworkOptions? network = null) =>
        new(new SimulatedNetwork(network ?? new SimulatedNetworkOptions { LatencyMs = 2, JitterMs = 3 }, new Random(seed), StartMs), seed)
        {
            ConvictAfterSilenceMs = convictAfterSilenceMs,
        };

    public static GossipSettings Settings(IReadOnlyList<EndpointAddress> seeds, string clusterName = "test-cluster") =>
        TestSettings.Node(seeds, clusterName).ToGossipSettings();

    public static GossipNodeOptions Options(int index, GossipSettings settings, long nowMs, int? generation = null, Guid? hostId = null) => new()
    {
        LocalEndpoint = SimulatedGossipCluster.AddressOf(index),
        HostId = hostId ?? HostIdOf(index),
        Generation = generation ?? Generation.Next(null, nowMs),
        Settings = settings,
    };

    public static Guid HostIdOf(int index) => new(index + 1, 0, 0, new byte[8]);

    /// <summary>True when every running node knows every other running node and has it UP.</summary>
    public static bool AllSeeAll(SimulatedGossipCluster cluster)
    {
        var running = cluster.Nodes.Where(node => node.IsRunning).ToList();
        return running.All(node => running.All(other =>
            other == node || node.Core.LivenessOf(other.Address) == LivenessStatus.Up));
    }

    public static string? ValueAt(SimulatedNode node, EndpointAddress about, string key) =>
        node.Core.Table.Get(about)?.Get(key)?.Value;
}
