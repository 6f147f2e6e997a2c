using System.Text.Json;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Tests;

/// <summary>
/// The core's settings as a node gets them: reference.conf bound by <see cref="GossipNodeSettings.FromConfig"/>
/// and mapped by <see cref="GossipNodeSettings.ToGossipSettings"/>. The core's records have no defaults, and a
/// second mapping here could drift from the one nodes run.
/// </summary>
internal static class TestSettings
{
    private static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false };

    public static GossipSettings Gossip(string clusterName, IReadOnlyList<EndpointAddress> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var seedList = string.Join(", ", seeds.Select(seed => JsonSerializer.Serialize(seed.ToString())));
        return Bind($"gossip {{ cluster-name = {JsonSerializer.Serialize(clusterName)}, seeds = [{seedList}] }}").ToGossipSettings();
    }

    /// <param name="hocon">Settings the test changes, as HOCON lines (for example <c>gossip.failure-detector.model = normal</c>).</param>
    public static FailureDetectorSettings Detector(string hocon = "") => Bind(hocon).FailureDetector;

    private static GossipNodeSettings Bind(string hocon) =>
        GossipNodeSettings.FromConfig(HoconConfig.ParseString(hocon, "test settings", NoEnvironment));
}
