using System.Globalization;
using GossipActors.Actors;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// Several gossip nodes, each in its own actor system, sharing one TestKit's deterministic dispatcher
/// and virtual clock, connected by an <see cref="InMemoryGossipNetwork"/> with a fixed seed.
/// </summary>
internal sealed class ActorCluster : IDisposable
{
    private readonly ActorSystemSettings _settings;
    private readonly List<ActorSystem> _systems = [];

    public ActorCluster(ActorSystem root, SimulatedNetworkOptions? network = null, int seed = 42)
    {
        _settings = root.Settings;
        Network = new InMemoryGossipNetwork(root.TimeProvider, network ?? new SimulatedNetworkOptions { LatencyMs = 2, JitterMs = 3 }, seed);
        Seed = seed;
    }

    public InMemoryGossipNetwork Network { get; }

    public int Seed { get; }

    public Dictionary<EndpointAddress, GossipNode> Nodes { get; } = [];

    public Dictionary<EndpointAddress, InMemoryGossipTransport> Transports { get; } = [];

    public Dictionary<EndpointAddress, List<ClusterEvent>> Events { get; } = [];

    public static EndpointAddress AddressOf(int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"10.0.{index >> 8}.{index & 255}"), 7000);

    public static GossipNodeSettings Settings(IReadOnlyList<EndpointAddress> seeds, string clusterName = "test-cluster") =>
        new() { ClusterName = clusterName, Seeds = seeds };

    /// <summary>Creates a node (not started) at <paramref name="address"/>; replaces a node that was there (a restart).</summary>
    public GossipNode Add(EndpointAddress address, GossipNodeSettings settings, GossipNodeStartOptions? options = null)
    {
        var system = ActorSystem.Create(string.Create(CultureInfo.InvariantCulture, $"node-{_systems.Count}"), _settings);
        _systems.Add(system);
        var node = new GossipNode(system, settings, gossiper => Transports[address] = Network.Attach(address, gossiper),
            (options ?? new GossipNodeStartOptions()) with { RandomSeed = options?.RandomSeed ?? (Seed * 1000) + _systems.Count });
        Nodes[address] = node;
        var events = new List<ClusterEvent>();
        Events[address] = events;
        node.Subscribe(events.Add);
        return node;
    }

    /// <summary>The node dies without a word: detached from the network, its actors stopped.</summary>
    public void Crash(EndpointAddress address)
    {
        Network.Detach(address);
        var node = Nodes[address];
        SystemOf(node).Stop(node.Gossiper);
    }

    public ActorSystem SystemOf(GossipNode node) => _systems.First(s => node.Gossiper.Path.SystemName == s.Name);

    public void Dispose()
    {
        foreach (var system in _systems)
        {
            system.Terminate();
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
    public List<EndpointAddress> StartConverged(TestKit.TestKit kit, int count, GossipNodeSettings? settings = null)
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
