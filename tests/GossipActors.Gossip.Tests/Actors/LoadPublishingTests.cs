using System.Globalization;
using GossipActors.Gossip.Cluster;
using GossipActors.Hocon;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class LoadPublishingTests : DeterministicTestKit
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "gossip-load-" + Guid.NewGuid().ToString("N"));

    public LoadPublishingTests() : base(seed: 61) { }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public void Load_sums_data_directory_bytes_and_own_value_bytes_but_not_load_itself()
    {
        var states = new Dictionary<string, VersionedValue>
        {
            [ApplicationStateKeys.Status] = new("NORMAL", 3),          // 6 bytes
            [ApplicationStateKeys.Dc] = new("zürich", 1),              // 7 bytes in UTF-8
            [ApplicationStateKeys.Load] = new("123456789", 9),         // not counted
        };

        Assert.Equal(1_000 + 6 + 7, NodeLoad.Compute(1_000, states));
        Assert.Equal(0, NodeLoad.DataDirectoryBytes(null));
        Assert.Equal(0, NodeLoad.DataDirectoryBytes(_dataDir));
    }

    [Fact]
    public void Data_directory_bytes_include_subdirectories()
    {
        Directory.CreateDirectory(Path.Combine(_dataDir, "sub"));
        File.WriteAllBytes(Path.Combine(_dataDir, "a.bin"), new byte[100]);
        File.WriteAllBytes(Path.Combine(_dataDir, "sub", "b.bin"), new byte[23]);

        Assert.Equal(123, NodeLoad.DataDirectoryBytes(_dataDir));
    }

    [Fact]
    public void Load_publish_interval_defaults_to_60_seconds_and_must_be_positive()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), GossipNodeSettings.FromConfig(HoconConfig.ParseString("")).LoadPublishInterval);
        var error = Assert.Throws<ConfigException>(() =>
            GossipNodeSettings.FromConfig(HoconConfig.ParseString("gossip.load-publish-interval = 0s")));
        Assert.Contains("gossip.load-publish-interval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Node_publishes_load_when_gossip_begins_and_again_every_interval()
    {
        using var cluster = new ActorCluster(this, seed: 61);
        var address = ActorCluster.AddressOf(1);
        var node = cluster.Add(address, ActorCluster.Settings([], hocon: TestSettings.DataDir(_dataDir) + "\ngossip.load-publish-interval = 60s"));
        var started = node.StartAsync();
        AwaitCondition(() => started.IsCompleted, TimeSpan.FromSeconds(30), "node started");
        Assert.True(started.IsCompletedSuccessfully, started.Exception?.ToString());

        var first = PublishedLoad(cluster, address);
        Assert.NotNull(first);
        Assert.Equal(Expected(cluster, address), first);
        Assert.True(first > 0);

        // 10,000 more bytes on disk show up at the next publication, not before.
        File.WriteAllBytes(Path.Combine(_dataDir, "extra.bin"), new byte[10_000]);
        Time.Advance(TimeSpan.FromSeconds(59));
        RunUntilIdle();
        Assert.Equal(first, PublishedLoad(cluster, address));
        Time.Advance(TimeSpan.FromSeconds(1));
        RunUntilIdle();
        Assert.Equal(first + 10_000, PublishedLoad(cluster, address));
        Assert.Equal(Expected(cluster, address), PublishedLoad(cluster, address));
    }

    [Fact]
    public void Published_load_reaches_peers_and_status()
    {
        using var cluster = new ActorCluster(this, seed: 62);
        var addresses = cluster.StartConverged(this, 2);
        AwaitCondition(() => cluster.ValueAt(addresses[1], addresses[0], ApplicationStateKeys.Load) is not null, TimeSpan.FromSeconds(10));

        var row = AwaitResult(cluster.Nodes[addresses[1]].GetStatusAsync()).Single(r => r.Endpoint == addresses[0]);
        Assert.Equal(cluster.ValueAt(addresses[0], addresses[0], ApplicationStateKeys.Load), row.Load);
        Assert.True(long.Parse(row.Load!, CultureInfo.InvariantCulture) > 0);
    }

    private long? PublishedLoad(ActorCluster cluster, EndpointAddress address) =>
        cluster.ValueAt(address, address, ApplicationStateKeys.Load) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    private long Expected(ActorCluster cluster, EndpointAddress address) =>
        NodeLoad.Compute(NodeLoad.DataDirectoryBytes(_dataDir), cluster.Nodes[address].Runtime.Core.Table.Get(address)!.ApplicationStates);
}
