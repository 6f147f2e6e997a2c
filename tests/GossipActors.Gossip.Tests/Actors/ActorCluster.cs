using System.Globalization;
using Akka.Actor;
using GossipActors.Akka;
using GossipActors.TestKit;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// Several gossip nodes, each started by the GossipExtension of its own Akka ActorSystem in one <see cref="DeterministicWorld"/> (one seeded run queue,
/// one virtual clock), connected by an <see cref="InMemoryGossipNetwork"/> with a fixed seed whose latency runs on the
/// virtual scheduler.
/// </summary>
internal sealed class ActorCluster : IDisposable
{
    private readonly DeterministicWorld _world;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly List<ActorSystem> _systems = [];

    public ActorCluster(DeterministicTestKit kit, SimulatedNetworkOptions? network = null, int seed = 42, ILoggerFactory? loggerFactory = null)
    {
        _world = kit.World;
        _loggerFactory = loggerFactory;
        Network = new InMemoryGossipNetwork(kit.Sys.Scheduler, network ?? new SimulatedNetworkOptions { LatencyMs = 2, JitterMs = 3 }, seed);
        Seed = seed;
    }

    public InMemoryGossipNetwork Network { get; }

    public int Seed { get; }

    public Dictionary<EndpointAddress, GossipNode> Nodes { get; } = [];

    public Dictionary<EndpointAddress, InMemoryGossipTransport> Transports { get; } = [];

    /// <summary>Each node's member events from its creation on (a subscription without initial state).</summary>
    public Dictionary<EndpointAddress, List<MemberEvent>> Events { get; } = [];

    public static EndpointAddress AddressOf(int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"10.0.{index >> 8}.{index & 255}"), 7000);

    public static GossipNodeSettings Settings(IReadOnlyList<EndpointAddress> seeds, string clusterName = "test-cluster", string hocon = "") =>
        TestSettings.Node(seeds, clusterName, hocon);

    /// <summary>Creates a node (not started) at <paramref name="address"/>; replaces a node that was there (a restart).</summary>
    public GossipNode Add(EndpointAddress address, GossipNodeSettings settings, GossipNodeStartOptions? options = null)
    {
        var system = _world.CreateSystem(string.Create(CultureInfo.InvariantCulture, $"node-{_systems.Count}"));
        _systems.Add(system);
        // As in production: the extension builds the tree at /system/gossip.
        var node = GossipExtension.Get(system).StartNode(
            gossiper => Transports[address] = Network.Attach(address, gossiper),
            (options ?? new GossipNodeStartOptions()) with
            {
                RandomSeed = options?.RandomSeed ?? (Seed * 1000) + _systems.Count,
                LoggerFactory = options?.LoggerFactory ?? _loggerFactory,
            },
            settings);
        // Akka's guardian starts a top-level actor on the thread pool: one at a time, or the seed would not decide the order.
        _world.RunUntilIdle();
        Nodes[address] = node;
        var events = new List<MemberEvent>();
        Events[address] = events;
        node.Subscribe(e => events.Add((MemberEvent)e));
        return node;
    }

    /// <summary>The node dies without a word: detached from the network, its actors stopped.</summary>
    public void Crash(EndpointAddress address)
    {
        Network.Detach(address);
        var node = Nodes[address];
        // Not system.Stop: for a top-level actor that goes through Akka's guardian on the thread pool, and the stop
        // would land in the run queue at a moment no seed decides.
        ((IInternalActorRef)node.Gossiper).Stop();
    }

    public ActorSystem SystemOf(GossipNode node) => _systems.First(s => node.Gossiper.Path.Address.System == s.Name);

    public void Dispose()
    {
        foreach (var system in _systems)
        {
            _world.Terminate(system);
        }
    }

    /// <summary>Liveness of <paramref name="about"/> as <paramref name="observer"/>'s core sees it (read between steps).</summary>
    public LivenessStatus LivenessAt(EndpointAddress observer, EndpointAddress about) =>
        Nodes[observer].Runtime.Core.LivenessOf(about);

    public bool AllSeeAllUp(IEnumerable<EndpointAddress> running)
    {
        var list = running.ToList();
        return list.All(a => list.All(b => a == b || LivenessAt(a, b) == LivenessStatus.Up));
    }

    /// <summary>Starts <paramref name="count"/> nodes (the first is the seed) and runs until every node sees every other UP.</summary>
    public List<EndpointAddress> StartConverged(DeterministicTestKit kit, int count, GossipNodeSettings? settings = null)
    {
        var addresses = Enumerable.Range(1, count).Select(AddressOf).ToList();
        settings ??= Settings([addresses[0]]);
        var starts = addresses.Select(a => Add(a, settings).StartAsync()).ToList();
        kit.AwaitCondition(() => starts.All(s => s.IsCompleted), TimeSpan.FromSeconds(60), "all nodes started");
        Xunit.Assert.All(starts, s => Xunit.Assert.True(s.IsCompletedSuccessfully, s.Exception?.ToString()));
        kit.AwaitCondition(() => AllSeeAllUp(addresses), TimeSpan.FromSeconds(60), $"{count} nodes did not converge");
        return addresses;
    }

    public string? ValueAt(EndpointAddress observer, EndpointAddress about, string key) =>
        Nodes[observer].Runtime.Core.Table.Get(about)?.Get(key)?.Value;
}
