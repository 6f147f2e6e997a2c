using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Gossip.Tests.Actors;

public sealed class StartupTests : DeterministicTestKit, IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "gossipactors-tests", Guid.NewGuid().ToString("N"));

    public StartupTests(ITestOutputHelper output) : base(seed: 13) => _output = output;

    [Fact]
    public void Seeds_unreachable_failure_lists_every_seed_and_what_happened()
    {
        using var cluster = new ActorCluster(this, seed: 13);
        var down = ActorCluster.AddressOf(1);     // nobody listening: refused
        var cutOff = ActorCluster.AddressOf(2);   // running, behind a partition: timed out
        var joinerAddress = ActorCluster.AddressOf(6);
        var seedStart = cluster.Add(cutOff, ActorCluster.Settings([cutOff])).StartAsync();
        cluster.Network.Partition([joinerAddress]);
        var joiner = cluster.Add(joinerAddress, ActorCluster.Settings([down, cutOff]));
        var start = joiner.StartAsync();

        AwaitCondition(() => start.IsCompleted, TimeSpan.FromSeconds(35));
        var failure = Assert.IsType<SeedsUnreachableException>(start.Exception?.InnerException);
        _output.WriteLine(failure.Message);
        Assert.StartsWith("Unable to gossip with any seeds", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{down} (seed): ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{cutOff} (seed): ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dropped by a partition", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Attempts.Count);
        Assert.All(failure.Attempts, a => Assert.NotNull(a.Transport));
        Assert.True(seedStart.IsCompletedSuccessfully, "a seed may bootstrap alone");
    }

    [Fact]
    public void Gossiper_resends_its_shadow_round_after_200ms_not_at_its_next_gossip_tick()
    {
        using var cluster = new ActorCluster(this, seed: 5);
        var seeds = new[] { ActorCluster.AddressOf(1), ActorCluster.AddressOf(2) };
        var began = Time.GetUtcNow();
        var joiner = cluster.Add(ActorCluster.AddressOf(3), ActorCluster.Settings(seeds)).StartAsync(); // refused: no seed yet
        Time.Advance(TimeSpan.FromMilliseconds(100));
        var seedStarts = seeds.Select(seed => cluster.Add(seed, ActorCluster.Settings(seeds)).StartAsync()).ToList();

        // The seeds end their shadow rounds on each other's "starting too"; the joiner's first resend (200 ms) finds them.
        for (var step = 0; step < 20 && !joiner.IsCompleted; step++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var waited = Time.GetUtcNow() - began;
        _output.WriteLine($"joiner started after {waited.TotalMilliseconds} virtual ms");
        Assert.True(joiner.IsCompletedSuccessfully, $"joiner still in its shadow round {waited.TotalMilliseconds} virtual ms after it started");
        Assert.InRange(waited, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400));
        Assert.All(seedStarts, start => Assert.True(start.IsCompletedSuccessfully));
    }

    [Theory]
    [InlineData("100ms")]
    [InlineData("0s")]
    public void A_late_joiner_is_up_everywhere_within_a_few_round_trips_when_gossiped_as_news(string gap)
    {
        using var cluster = new ActorCluster(this, seed: 11);
        var settings = ActorCluster.Settings([ActorCluster.AddressOf(1)], hocon: $"gossip.news-round-min-gap = {gap}");
        var running = cluster.StartConverged(this, 8, settings);
        Time.Advance(TimeSpan.FromSeconds(3));
        var joinerAddress = ActorCluster.AddressOf(9);
        var began = Time.GetUtcNow();
        var joined = cluster.Add(joinerAddress, settings).StartAsync();
        var everyone = running.Append(joinerAddress).ToList();

        // The actor's news-round timer, not the 1 s gossip tick, carries the join: steps of 20 virtual ms. Without news
        // rounds, regular rounds to one peer each (fanout auto) take several intervals.
        for (var step = 0; step < 500 && !(joined.IsCompleted && cluster.AllSeeAllUp(everyone)); step++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(20));
        }

        var took = Time.GetUtcNow() - began;
        _output.WriteLine($"gossip.news-round-min-gap = {gap}: every node sees the joiner up after {took.TotalMilliseconds} virtual ms");
        Assert.True(cluster.AllSeeAllUp(everyone), $"not converged {took.TotalMilliseconds} virtual ms after the join");
        if (gap == "0s")
        {
            Assert.True(took >= TimeSpan.FromMilliseconds(500), $"converged in {took.TotalMilliseconds} ms without news rounds");
        }
        else
        {
            Assert.True(took <= TimeSpan.FromMilliseconds(200), $"took {took.TotalMilliseconds} ms with news rounds");
        }
    }

    [Fact]
    public void Corrupt_peers_file_is_reported_with_its_path_and_the_node_starts_empty()
    {
        var dir = Path.Combine(_dataRoot, "corrupt");
        Directory.CreateDirectory(dir);
        var peersPath = Path.Combine(dir, "peers.json");
        File.WriteAllText(peersPath, "{ \"formatVersion\": 1, \"peers\": [ { \"address\": \"10.0.0.9:70");
        using var cluster = new ActorCluster(this);
        var address = ActorCluster.AddressOf(1);
        var node = cluster.Add(address, ActorCluster.Settings([address], hocon: TestSettings.DataDir(dir)));
        var start = node.StartAsync();
        AwaitCondition(() => start.IsCompleted, TimeSpan.FromSeconds(5));

        Assert.True(start.IsCompletedSuccessfully);
        var warning = Assert.Single(node.StartupWarnings);
        Assert.Contains(peersPath, warning, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", warning, StringComparison.Ordinal);
        Assert.Single(AwaitResult(node.GetMembersAsync()));
    }

    [Fact]
    public void Persisted_identity_gives_a_higher_generation_and_peers_are_remembered_while_seeds_are_down()
    {
        using var cluster = new ActorCluster(this, seed: 21);
        var seed = ActorCluster.AddressOf(1);
        var settings = ActorCluster.Settings([seed]);
        var addresses = new[] { seed, ActorCluster.AddressOf(2), ActorCluster.AddressOf(3) };
        var dir = Path.Combine(_dataRoot, "node3");
        var withDir = ActorCluster.Settings([seed], hocon: TestSettings.DataDir(dir));
        var starts = addresses.Select(a => cluster.Add(a, a == addresses[2] ? withDir : settings).StartAsync()).ToList();
        AwaitCondition(() => starts.All(s => s.IsCompleted) && cluster.AllSeeAllUp(addresses), TimeSpan.FromSeconds(40));
        var first = cluster.Nodes[addresses[2]];
        var firstGeneration = first.Generation;
        var hostId = first.HostId;
        var stop = first.StopAsync();
        AwaitCondition(() => stop.IsCompleted, TimeSpan.FromSeconds(2));
        Assert.True(File.Exists(Path.Combine(dir, "peers.json")), "peers are saved at stop");

        cluster.Crash(seed); // the only seed is gone
        cluster.Network.Detach(addresses[2]);
        Time.Advance(TimeSpan.FromSeconds(3));
        var again = cluster.Add(addresses[2], withDir);
        var restart = again.StartAsync();

        AwaitCondition(() => restart.IsCompleted && cluster.LivenessAt(addresses[2], addresses[1]) == LivenessStatus.Up, TimeSpan.FromSeconds(40),
            "the restarted node did not reach its remembered peer");
        Assert.True(restart.IsCompletedSuccessfully, restart.Exception?.ToString());
        Assert.Equal(hostId, again.HostId);
        Assert.True(again.Generation > firstGeneration);
    }

    [Fact]
    public void Endpoint_collision_refuses_to_start()
    {
        using var cluster = new ActorCluster(this);
        var seed = ActorCluster.AddressOf(1);
        var settings = ActorCluster.Settings([seed]);
        var owner = cluster.Add(ActorCluster.AddressOf(2), settings, new GossipNodeStartOptions { HostId = new Guid(7, 0, 0, new byte[8]) });
        var starts = new[] { cluster.Add(seed, settings).StartAsync(), owner.StartAsync() };
        AwaitCondition(() => starts.All(s => s.IsCompletedSuccessfully) && cluster.AllSeeAllUp([seed, owner.LocalEndpoint]), TimeSpan.FromSeconds(40));

        // Same host id (a copied data directory), older generation: refused.
        var copy = cluster.Add(ActorCluster.AddressOf(3), settings,
            new GossipNodeStartOptions { HostId = new Guid(7, 0, 0, new byte[8]), Generation = owner.Generation - 5 });
        var start = copy.StartAsync();
        AwaitCondition(() => start.IsCompleted, TimeSpan.FromSeconds(40));
        var failure = Assert.IsType<EndpointCollisionException>(start.Exception?.InnerException);
        Assert.Contains("host id", failure.Message, StringComparison.Ordinal);
    }

    void IDisposable.Dispose()
    {
        Dispose();
        if (Directory.Exists(_dataRoot))
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
    }
}
