using System.Globalization;

namespace GossipActors.ClusterComparison.Measurement;

/// <summary>
/// The TCP ports in LISTEN state, from /proc/net/tcp and /proc/net/tcp6: the moment a node's membership port listens
/// is the one "process up" that every system shows the same way, without asking the node.
/// </summary>
public static class ListeningPorts
{
    private const string ListenState = "0A";

    public static HashSet<int> Read()
    {
        var ports = new HashSet<int>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (File.Exists(file))
            {
                ports.UnionWith(Parse(File.ReadAllLines(file)));
            }
        }

        return ports;
    }

    /// <summary>Parses the table's lines: "sl local_address rem_address st ...", addresses as HEXIP:HEXPORT.</summary>
    public static IEnumerable<int> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 4 || fields[3] != ListenState)
            {
                continue;
            }

            var colon = fields[1].LastIndexOf(':');
            if (colon > 0 && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
            {
                yield return port;
            }
        }
    }
}
