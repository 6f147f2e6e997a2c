using System.Globalization;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;

namespace GossipActors.Simulation.Gossip;

/// <summary>Command-line options of the gossip dissemination simulation.</summary>
public sealed record GossipSimulationOptions
{
    public int Nodes { get; init; } = 100;

    public int Runs { get; init; } = 20;

    public double Loss { get; init; }

    public double LatencyMs { get; init; } = 2;

    public int Seed { get; init; } = 1;

    public int Seeds { get; init; } = 3;

    /// <summary>Live peers per round (<c>gossip.fanout</c>, reference.conf's unless <c>--fanout</c>); 1 is Cassandra's rule.</summary>
    public int Fanout { get; init; } = SimulationSettings.Bind([]).Fanout;

    public bool Json { get; init; }

    /// <summary>"core": the pure protocol cores on the discrete-event network; "actors": the full actor stack (GossipNode per node) on virtual time.</summary>
    public string Stack { get; init; } = "core";

    public int MaxRounds { get; init; } = 100;

    /// <summary>
    /// Rounds run before the state is set (at least 3): heartbeats flow, and the connections' compact tables fill, so
    /// the wire figures can be taken in steady state rather than at each connection's first message.
    /// </summary>
    public int WarmUpRounds { get; init; } = 3;

    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Every simulated node's settings: the first <see cref="Seeds"/> nodes as seeds and <see cref="Fanout"/>, over reference.conf.</summary>
    public GossipNodeSettings NodeSettings() => SimulationSettings.Bind(
        Enumerable.Range(0, Math.Min(Seeds, Nodes)).Select(SimulatedGossipCluster.AddressOf),
        string.Create(CultureInfo.InvariantCulture, $"gossip.fanout = {Fanout}"));

    public const string Usage =
        "usage: GossipActors.Simulation [gossip] --nodes N --runs K [--loss P] [--latency-ms M] [--seed S] [--seeds C] [--fanout F] [--max-rounds R] [--warmup-rounds W] [--parallel D] [--stack core|actors] [--json]";

    public static bool TryParse(IReadOnlyList<string> args, out GossipSimulationOptions options, out string error)
    {
        options = new GossipSimulationOptions();
        error = string.Empty;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--json")
            {
                options = options with { Json = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"option {name} needs a value";
                return false;
            }

            var value = args[++i];
            var inv = CultureInfo.InvariantCulture;
            switch (name)
            {
                case "--nodes" when int.TryParse(value, NumberStyles.None, inv, out var nodes) && nodes >= 2:
                    options = options with { Nodes = nodes };
                    break;
                case "--runs" when int.TryParse(value, NumberStyles.None, inv, out var runs) && runs >= 1:
                    options = options with { Runs = runs };
                    break;
                case "--loss" when double.TryParse(value, NumberStyles.Float, inv, out var loss) && loss is >= 0 and < 1:
                    options = options with { Loss = loss };
                    break;
                case "--latency-ms" when double.TryParse(value, NumberStyles.Float, inv, out var latency) && latency >= 0:
                    options = options with { LatencyMs = latency };
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, inv, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--seeds" when int.TryParse(value, NumberStyles.None, inv, out var seedCount) && seedCount >= 1:
                    options = options with { Seeds = seedCount };
                    break;
                case "--fanout" when int.TryParse(value, NumberStyles.None, inv, out var fanout) && fanout is >= 1 and <= Protocol.Gossip.GossipSettings.MaxFanout:
                    options = options with { Fanout = fanout };
                    break;
                case "--max-rounds" when int.TryParse(value, NumberStyles.None, inv, out var maxRounds) && maxRounds >= 1:
                    options = options with { MaxRounds = maxRounds };
                    break;
                case "--warmup-rounds" when int.TryParse(value, NumberStyles.None, inv, out var warmUp) && warmUp >= 3:
                    options = options with { WarmUpRounds = warmUp };
                    break;
                case "--parallel" when int.TryParse(value, NumberStyles.None, inv, out var parallel) && parallel >= 1:
                    options = options with { Parallelism = parallel };
                    break;
                case "--stack" when value is "core" or "actors":
                    options = options with { Stack = value };
                    break;
                case "--stack":
                    error = $"--stack {value}: expected 'core' (the pure protocol core) or 'actors' (the full actor stack)";
                    return false;
                default:
                    error = $"invalid option or value: {name} {value}";
                    return false;
            }
        }

        return true;
    }
}
