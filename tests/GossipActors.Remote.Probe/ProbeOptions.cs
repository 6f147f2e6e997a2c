using System.Globalization;
using GossipActors.Protocol.Model;

namespace GossipActors.Remote.Probe;

/// <summary>
/// Command line: <c>listen|send|akka-listen|akka-send --bind H:P [--to H:P] [--size N] [--mtu N] [--discovery on|off]
/// [--stall-timeout-ms N] [--small N] [--deadline-s N]</c>. The akka roles run an ActorSystem over the gtcp transport
/// and send an application message; the others drive the transport's connection classes directly.
/// </summary>
internal sealed record ProbeOptions(
    string Mode,
    EndpointAddress Bind,
    EndpointAddress? To,
    int Size,
    int? Mtu,
    bool Discovery,
    TimeSpan StallTimeout,
    int SmallCount,
    TimeSpan Deadline)
{
    public static ProbeOptions Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("listen" or "send" or "akka-listen" or "akka-send"))
        {
            throw new ArgumentException("usage: listen|send|akka-listen|akka-send --bind HOST:PORT [--to HOST:PORT] [--size BYTES] [--mtu N] [--discovery on|off] [--stall-timeout-ms N] [--small N] [--deadline-s N]");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument {i}: expected --name value, got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Int(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        return new ProbeOptions(
            args[0],
            EndpointAddress.Parse(values.GetValueOrDefault("bind") ?? throw new ArgumentException("--bind is required")),
            values.TryGetValue("to", out var to) ? EndpointAddress.Parse(to) : null,
            Int("size", 37 * 1024),
            values.ContainsKey("mtu") ? Int("mtu", 0) : null,
            values.GetValueOrDefault("discovery", "on") == "on",
            TimeSpan.FromMilliseconds(Int("stall-timeout-ms", 5000)),
            Int("small", 5),
            TimeSpan.FromSeconds(Int("deadline-s", 60)));
    }
}
