using System.Text.Json;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.Model;

namespace GossipActors.Simulation;

/// <summary>
/// Settings of simulated nodes, bound as a real node's are (reference.conf under the simulation's few lines), so
/// what a simulation measures is the configuration operators run, and a changed value moves what follows it.
/// </summary>
internal static class SimulationSettings
{
    /// <param name="seeds">The seeds, the same on every node.</param>
    /// <param name="hocon">Settings the simulation changes, as HOCON lines over the reference (for example <c>gossip.fanout = 1</c>).</param>
    public static GossipNodeSettings Bind(IEnumerable<EndpointAddress> seeds, string hocon = "")
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var seedList = string.Join(", ", seeds.Select(seed => JsonSerializer.Serialize(seed.ToString())));
        // Nothing on disk: thousands of nodes share one process and none of them restarts.
        var text = $"gossip {{ cluster-name = simulation, data-dir = \"\", seeds = [{seedList}] }}\n{hocon}";
        return GossipNodeSettings.FromConfig(HoconConfig.ParseString(text, "simulation settings", new HoconParseOptions { UseEnvironmentVariables = false }));
    }
}
