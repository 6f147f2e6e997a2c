using System.Text.Json;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Tests;

/// <summary>
/// Settings for tests, bound as a node's are: reference.conf under the test's few lines, through
/// <see cref="GossipNodeSettings.FromConfig"/>. A test changes a setting by naming it in HOCON, so values that
/// follow it (the failure detector's <c>auto</c> intervals) move with it as they would in production.
/// </summary>
internal static class TestSettings
{
    private static readonly HoconParseOptions NoEnvironment = new() { UseEnvironmentVariables = false };

    /// <param name="seeds">The seeds, the same on every node.</param>
    /// <param name="clusterName">The cluster name, so a test can put nodes in different clusters.</param>
    /// <param name="hocon">Settings the test changes, as HOCON lines (for example <c>gossip.dead-endpoint-expiry = 30s</c>).</param>
    public static GossipNodeSettings Node(IReadOnlyList<EndpointAddress> seeds, string clusterName = "test-cluster", string hocon = "")
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var seedList = string.Join(", ", seeds.Select(seed => Quote(seed.ToString())));
        // Nothing on disk unless the test names a data directory: tests run in parallel from one working directory.
        var text = $"gossip {{ cluster-name = {Quote(clusterName)}, data-dir = \"\", seeds = [{seedList}] }}\n{hocon}";
        return GossipNodeSettings.FromConfig(HoconConfig.ParseString(text, "test settings", NoEnvironment));
    }

    /// <summary>The failure detector's settings from reference.conf, with <paramref name="hocon"/> over them.</summary>
    public static FailureDetectorSettings Detector(string hocon = "") => Node([], hocon: hocon).FailureDetector;

    /// <summary>A <c>gossip.data-dir</c> line, quoted for any path.</summary>
    public static string DataDir(string directory) => "gossip.data-dir = " + Quote(directory);

    // JSON strings are HOCON quoted strings.
    private static string Quote(string text) => JsonSerializer.Serialize(text);
}
