using System.Globalization;
using Akka.Configuration;
using GossipActors.TestKit;
using GossipActors.Gossip.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Model;
using GossipActors.Simulation.Gossip;

namespace GossipActors.Simulation.Actors;

/// <summary>
/// The dissemination measurement on the full actor stack: every node is a <see cref="GossipNode"/>
/// (gossiper, rounds, endpoint actors, failure detector) in one Akka ActorSystem of a <see cref="DeterministicWorld"/>
/// (virtual time, one seeded run queue), connected by an <see cref="InMemoryGossipNetwork"/>. Nodes start
/// warm (every other node known and UP, as after start-up settled); endpoint actors are created on an
/// endpoint's first event, so the injected state creates them as it spreads.
/// </summary>
public static class ActorDisseminationRun
{
    private const string ProbeKey = "SIM_PROBE";
    private const int WarmUpRounds = 3;

    public static DisseminationResult Execute(GossipSimulationOptions options, int runSeed)
    {
        using var world = new DeterministicWorld(runSeed, DateTimeOffset.FromUnixTimeMilliseconds(DisseminationRun.StartMs));
        var time = world.Time;
        var system = world.CreateSystem("simulation", ConfigurationFactory.ParseString("akka { loglevel = ERROR, log-dead-letters = off }"));
        var network = new InMemoryGossipNetwork(system.Scheduler, new SimulatedNetworkOptions
        {
            LatencyMs = options.LatencyMs,
            JitterMs = options.LatencyMs / 2,
            LossProbability = options.Loss,
            TrackLinks = false,
        }, runSeed);

        var addresses = Enumerable.Range(0, options.Nodes).Select(SimulatedGossipCluster.AddressOf).ToArray();
        var settings = options.NodeSettings();
        var nodes = new GossipNode[options.Nodes];
        for (var i = 0; i < nodes.Length; i++)
        {
            var address = addresses[i];
            nodes[i] = new GossipNode(system, settings, gossiper => network.Attach(address, gossiper), new GossipNodeStartOptions
            {
                ActorName = string.Create(CultureInfo.InvariantCulture, $"gossip-{i}"),
                RandomSeed = unchecked((runSeed * 31) + i),
                HostId = new Guid(i + 1, 0, 0, new byte[8]),
                WarmStartEndpoints = [],
                // Arrival windows of 1,000 samples for N² pairs would need gigabytes; dissemination does not use them.
                DiscardHeartbeatArrivals = true,
                DiscardClockSamples = true,
            });
            _ = nodes[i].StartAsync();
            // Akka's guardian starts top-level actors on the thread pool: one at a time keeps the run seeded.
            world.RunUntilIdle();
        }

        var initial = nodes
            .Select(node => new KeyValuePair<EndpointAddress, EndpointState>(node.LocalEndpoint, node.Runtime.Core.Table.Get(node.LocalEndpoint)!))
            .OrderBy(item => item.Key)
            .ToArray();
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var node in nodes)
        {
            // Nothing runs while the dispatcher is idle, so the cores may be touched here.
            node.Runtime.Core.PreloadLiveEndpoints(initial, nowMs);
        }

        time.Advance(WarmUpRounds * settings.Interval);

        var origin = addresses[0];
        var reached = new HashSet<EndpointAddress>();
        var reachedAt = new List<long>(options.Nodes);
        using var subscription = EventStreamCallback.Subscribe<MemberStateChanged>(system, changed =>
        {
            if (changed.Key == ProbeKey && changed.Endpoint == origin && reached.Add(changed.Observer))
            {
                reachedAt.Add(changed.At.ToUnixTimeMilliseconds());
            }
        });

        var injectedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var bytesBefore = network.TotalBytesSent;
        nodes[0].SetApplicationState(ProbeKey, string.Create(CultureInfo.InvariantCulture, $"run-{runSeed}"));
        var interval = (long)settings.Interval.TotalMilliseconds;
        var deadline = injectedAt + (options.MaxRounds * interval);
        while (reached.Count < options.Nodes && time.GetUtcNow().ToUnixTimeMilliseconds() < deadline)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        int? RoundsTo(double fraction)
        {
            var needed = (int)Math.Ceiling(fraction * options.Nodes);
            return reachedAt.Count >= needed ? (int)Math.Ceiling((reachedAt[needed - 1] - injectedAt) / (double)interval) : null;
        }

        var elapsedRounds = Math.Max(1, (int)Math.Ceiling((time.GetUtcNow().ToUnixTimeMilliseconds() - injectedAt) / (double)interval));
        var bytesPerNodePerRound = (network.TotalBytesSent - bytesBefore) / (double)options.Nodes / elapsedRounds;
        var result = new DisseminationResult(runSeed, RoundsTo(0.5), RoundsTo(0.99), RoundsTo(1.0), reached.Count, bytesPerNodePerRound);
        return result;
    }
}
