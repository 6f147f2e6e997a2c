using System.Globalization;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Simulation.Gossip;

/// <summary>What one seeded run measured. Rounds are counted from the injection, in gossip intervals; wire bytes are the sampled senders' (see <see cref="WireMeter"/>).</summary>
public sealed record DisseminationResult(
    int RunSeed, int? RoundsTo50, int? RoundsTo99, int? RoundsTo100, int Reached, double BytesPerNodePerRound, double? StatelessWireBytesPerNodePerRound = null, double? CompactWireBytesPerNodePerRound = null);

/// <summary>
/// One seeded simulation of an already-converged cluster (every node knows and has echoed every other,
/// as after start-up has settled): a few warm-up rounds so heartbeats flow as in steady state, then a
/// new application state is set at one node and we watch it spread.
/// </summary>
public static class DisseminationRun
{
    public const long StartMs = 1_700_000_000_000;
    private const string ProbeKey = "SIM_PROBE";
    private const int WarmUpRounds = 3;

    /// <summary>Senders whose messages are priced with the real codecs: enough for a stable mean, few enough for memory.</summary>
    private const int WireSampleSenders = 16;

    public static DisseminationResult Execute(GossipSimulationOptions options, int runSeed)
    {
        var wire = new WireMeter(Enumerable.Range(0, Math.Min(WireSampleSenders, options.Nodes)).Select(SimulatedGossipCluster.AddressOf).ToHashSet());
        var network = new SimulatedNetwork(
            new SimulatedNetworkOptions
            {
                LatencyMs = options.LatencyMs,
                JitterMs = options.LatencyMs / 2,
                LossProbability = options.Loss,
                TrackLinks = false,
                Wire = wire,
            },
            new Random(runSeed),
            StartMs);
        var cluster = new SimulatedGossipCluster(network, runSeed) { RecordEvents = false };
        var settings = options.NodeSettings().ToGossipSettings();
        var generation = Generation.Next(null, StartMs);
        var nodes = new SimulatedNode[options.Nodes];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = cluster.AddNode(new GossipNodeOptions
            {
                LocalEndpoint = SimulatedGossipCluster.AddressOf(i),
                HostId = new Guid(i + 1, 0, 0, new byte[8]),
                Generation = generation,
                Settings = settings,
                // No failure detector runs here, and arrival windows for N² pairs would need gigabytes.
                DiscardHeartbeatArrivals = true,
                DiscardClockSamples = true,
            });
            cluster.Start(nodes[i], skipShadowRound: true);
        }

        var initial = nodes
            .Select(node => new KeyValuePair<EndpointAddress, EndpointState>(node.Address, node.Core.Table.Get(node.Address)!))
            .OrderBy(item => item.Key)
            .ToArray();
        foreach (var node in nodes)
        {
            node.Core.PreloadLiveEndpoints(initial, StartMs);
        }

        cluster.RunFor(Math.Max(WarmUpRounds, options.WarmUpRounds) * settings.IntervalMs);

        var reached = new bool[options.Nodes];
        var reachedCount = 0;
        var reachedAt = new List<long>(options.Nodes);
        var origin = nodes[0].Address;
        var index = nodes.Select((node, i) => (node.Address, i)).ToDictionary(item => item.Address, item => item.i);
        cluster.Observer = (node, output) =>
        {
            foreach (var change in output.Events)
            {
                if (change.Kind == MembershipEventKind.StateChanged && change.Key == ProbeKey && change.Endpoint == origin)
                {
                    var i = index[node.Address];
                    if (!reached[i])
                    {
                        reached[i] = true;
                        reachedCount++;
                        reachedAt.Add(change.AtMs);
                    }
                }
            }
        };

        var injectedAt = cluster.NowMs;
        var bytesBefore = network.TotalBytesSent;
        var (statelessBefore, compactBefore) = (wire.StatelessBytes, wire.CompactBytes);
        cluster.Apply(nodes[0], (core, now) => core.SetApplicationState(ProbeKey, string.Create(CultureInfo.InvariantCulture, $"run-{runSeed}"), now));
        var deadline = injectedAt + (options.MaxRounds * settings.IntervalMs);
        while (reachedCount < options.Nodes && cluster.NowMs < deadline)
        {
            cluster.RunFor(100);
        }

        var interval = settings.IntervalMs;
        int? RoundsTo(double fraction)
        {
            var needed = (int)Math.Ceiling(fraction * options.Nodes);
            return reachedAt.Count >= needed ? (int)Math.Ceiling((reachedAt[needed - 1] - injectedAt) / (double)interval) : null;
        }

        var elapsedRounds = Math.Max(1, (int)Math.Ceiling((cluster.NowMs - injectedAt) / (double)interval));
        var bytesPerNodePerRound = (network.TotalBytesSent - bytesBefore) / (double)options.Nodes / elapsedRounds;
        double PerSenderPerRound(long bytes) => bytes / (double)wire.Senders / elapsedRounds;
        return new DisseminationResult(
            runSeed, RoundsTo(0.5), RoundsTo(0.99), RoundsTo(1.0), reachedCount, bytesPerNodePerRound,
            PerSenderPerRound(wire.StatelessBytes - statelessBefore), PerSenderPerRound(wire.CompactBytes - compactBefore));
    }
}
