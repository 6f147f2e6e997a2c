using System.Globalization;
using System.Text.RegularExpressions;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// A GossipActors node's log line for a conviction by its own failure detector, e.g.
/// <c>2026-12-04 19:26:52.589 info: /system/gossip/failure-detector[0] convicting 127.0.0.1:42905: phi 8.02 is above 8</c>.
/// Every conviction is logged, however short the DOWN it causes, so counting these lines misses none that polling
/// /status could miss.
/// </summary>
public static partial class ConvictionLogLine
{
    /// <summary>The convicted endpoint (HOST:PORT) and its phi, when the line is a conviction.</summary>
    public static bool TryParse(string line, out string endpoint, out double phi)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = Pattern().Match(line);
        endpoint = match.Success ? match.Groups[1].Value : string.Empty;
        phi = match.Success ? double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return match.Success;
    }

    [GeneratedRegex(@"failure-detector\S* convicting (\S+): phi ([0-9.]+) is above")]
    private static partial Regex Pattern();
}
