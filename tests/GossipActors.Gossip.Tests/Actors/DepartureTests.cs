using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Persistence;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>Issue 11: decommissioned and assassinated endpoints, persisted as such across restarts.</summary>
public sealed class DepartureTests : DeterministicTestKit
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gossip-departure-" + Guid.NewGuid().ToString("N"));

    public DepartureTests() : base(seed: 71) { }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void A_decommissioned_node_refuses_to_start_with_its_data_dir_unless_overridden()
    {
        using var cluster = new ActorCluster(this, seed: 71);
        var addresses = Enumerable.Range(1, 2).Select(ActorCluster.AddressOf).ToList();
        var dir = Path.Combine(_root, "n2");
        var settings = ActorCluster.Settings([addresses[0]]);
        var withDir = ActorCluster.Settings([addresses[0]], hocon: TestSettings.DataDir(dir));
        var starts = new[] { cluster.Add(addresses[0], settings).StartAsync(), cluster.Add(addresses[1], withDir).StartAsync() };
        AwaitCondition(() => starts.All(s => s.IsCompleted) && cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(60));

        var result = AwaitResult(cluster.Nodes[addresses[1]].DecommissionAsync());
        Assert.True(result.Accepted, result.Message);
        Assert.Contains("LEAVING", result.Message, StringComparison.Ordinal);
        Assert.NotNull(new GossipStateStore(dir).Load().Local!.DecommissionedAtMs);
        AwaitCondition(() => EndpointStatus.Kind(cluster.ValueAt(addresses[0], addresses[1], ApplicationStateKeys.Status)) == EndpointStatus.Left, TimeSpan.FromSeconds(30));
        cluster.Crash(addresses[1]);

        var refused = Assert.Throws<NodeDecommissionedException>(() => cluster.Add(addresses[1], withDir));
        Assert.Contains("was decommissioned at", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--override-decommission", refused.Message, StringComparison.Ordinal);

        var again = cluster.Add(addresses[1], ActorCluster.Settings([addresses[0]], hocon: TestSettings.DataDir(dir) + "\ngossip.override-decommission = on"));
        Assert.Contains(again.StartupWarnings, w => w.Contains("gossip.override-decommission is on", StringComparison.Ordinal));
        Assert.Null(new GossipStateStore(dir).Load().Local!.DecommissionedAtMs);
        var restart = again.StartAsync();
        AwaitCondition(() => restart.IsCompleted && cluster.LivenessAt(addresses[0], addresses[1]) == LivenessStatus.Up, TimeSpan.FromSeconds(60),
            "the deliberately rejoined node was not seen UP");
        Assert.Equal(EndpointStatus.Normal, cluster.ValueAt(addresses[0], addresses[1], ApplicationStateKeys.Status));
    }

    [Fact]
    public void An_assassinated_endpoint_is_saved_as_left_and_restored_as_left_after_a_restart()
    {
        using var cluster = new ActorCluster(this, seed: 72);
        var addresses = Enumerable.Range(1, 3).Select(ActorCluster.AddressOf).ToList();
        var dir = Path.Combine(_root, "n1");
        var settings = ActorCluster.Settings([addresses[0]]);
        var withDir = ActorCluster.Settings([addresses[0]], hocon: TestSettings.DataDir(dir));
        var starts = addresses.Select(a => cluster.Add(a, a == addresses[0] ? withDir : settings).StartAsync()).ToList();
        AwaitCondition(() => starts.All(s => s.IsCompleted) && cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(60));

        cluster.Crash(addresses[2]);
        var assassinated = AwaitResult(cluster.Nodes[addresses[0]].AssassinateAsync(addresses[2], confirm: true));
        Assert.True(assassinated.Accepted, assassinated.Message);
        // Every live node told its transport to stop dialling it. peers told their transports to stop dialling it.
        AwaitCondition(() => cluster.Transports[addresses[0]].Forgotten.Contains(addresses[2]) && cluster.Transports[addresses[1]].Forgotten.Contains(addresses[2]), TimeSpan.FromSeconds(10));

        var stop = cluster.Nodes[addresses[0]].StopAsync();
        AwaitCondition(() => stop.IsCompleted, TimeSpan.FromSeconds(10));

        var saved = Assert.Single(new GossipStateStore(dir).Load().Peers, p => p.Address == addresses[2].ToString());
        Assert.NotNull(saved.Departed);

        var restarted = cluster.Add(addresses[0], withDir);
        var core = restarted.Runtime.Core;
        Assert.Contains(addresses[2], core.DepartedEndpoints);
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(EndpointStatus.StatusOf(core.Table.Get(addresses[2])!)));
        Assert.Equal(1, restarted.RememberedPeerCount);
        var restart = restarted.StartAsync();
        AwaitCondition(() => restart.IsCompleted && cluster.LivenessAt(addresses[0], addresses[1]) == LivenessStatus.Up, TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(cluster.Events[addresses[0]], e => e is MemberJoined j && j.Endpoint == addresses[2]);
        Assert.Equal(LivenessStatus.Down, cluster.LivenessAt(addresses[0], addresses[2]));
    }
}
