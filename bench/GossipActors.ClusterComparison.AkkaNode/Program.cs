using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using GossipActors.ClusterComparison.AkkaNode;

// A bare Akka.Cluster 1.5.75 node for the cluster comparison: seed nodes, no downing provider, Akka.Remote's
// default DotNetty transport, everything else at Akka's defaults. Usage:
//   GossipActors.ClusterComparison.AkkaNode --port P --seeds HOST:PORT[,HOST:PORT] [--hocon "extra HOCON"]
int port = 0;
var seeds = new List<string>();
string? extra = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535:
            port = p;
            i++;
            break;
        case "--seeds" when !string.IsNullOrWhiteSpace(value):
            seeds.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            i++;
            break;
        case "--hocon" when value is not null:
            extra = value;
            i++;
            break;
        default:
            Console.Error.WriteLine($"AkkaNode: unexpected or incomplete argument '{args[i]}'; usage: --port P --seeds HOST:PORT[,HOST:PORT] [--hocon TEXT]");
            return 2;
    }
}

if (port == 0 || seeds.Count == 0)
{
    Console.Error.WriteLine("AkkaNode: --port and --seeds are required");
    return 2;
}

const string SystemName = "bench";
var seedList = string.Join(", ", seeds.Select(s => $"\"akka.tcp://{SystemName}@{s}\""));
var hocon = $$"""
    akka {
      loglevel = WARNING
      stdout-loglevel = WARNING
      actor.provider = cluster
      remote.dot-netty.tcp { hostname = "127.0.0.1", port = {{port}} }
      cluster {
        seed-nodes = [{{seedList}}]
        # No downing: an unreachable member stays unreachable, as a bare cluster behaves without a provider.
        downing-provider-class = ""
        log-info = off
      }
    }
    """;
var config = ConfigurationFactory.ParseString(extra ?? string.Empty).WithFallback(ConfigurationFactory.ParseString(hocon));
using var system = ActorSystem.Create(SystemName, config);
ClusterEventPrinter.Print(Console.Out, AkkaNodeEvent.Listening, new Address("akka.tcp", SystemName, "127.0.0.1", port));
system.ActorOf(Props.Create(() => new ClusterEventPrinter(Console.Out)), "events");
// SIGTERM runs Akka's coordinated shutdown (its CLR shutdown hook), which terminates the system.
await system.WhenTerminated;
return 0;
