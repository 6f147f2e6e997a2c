using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using Xunit;
using Xunit.Abstractions;
using static GossipActors.Gossip.Tests.Scenarios.ClusterFixture;

namespace GossipActors.Gossip.Tests.Scenarios;

public sealed class StartupScenarioTests(ITestOutputHelper output)
{
    [Fact]
    public void Seeds_unreachable_error_lists_every_seed_and_what_happened()
    {
        var cluster = NewCluster(seed: 13);
        var down = SimulatedGossipCluster.AddressOf(0);        // nobody listening: refused
        var cutOff = SimulatedGossipCluster.AddressOf(1);      // running, behind a partition: timed out
        var joiner = cluster.AddNode(Options(5, Settings([down, cutOff]), cluster.NowMs));
        var seed = cluster.AddNode(Options(1, Settings([cutOff]), cluster.NowMs));
        cluster.Start(seed);
        cluster.Network.Partition([joiner.Address]);
        cluster.Start(joiner);

        cluster.RunFor(31_000);

        var failure = Assert.IsType<SeedsUnreachableException>(joiner.StartupFailure);
        output.WriteLine(failure.Message);
        Assert.StartsWith("Unable to gossip with any seeds", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{down} (seed): 32 shadow-round SYNs sent, no reply; transport: connection refused (32 times)", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"{cutOff} (seed): 32 shadow-round SYNs sent, no reply; transport: timed out (32 times)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("dropped by a partition", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, failure.Attempts.Count);
        Assert.Equal(GossipNodePhase.Stopped, joiner.Core.Phase);
        Assert.Equal(GossipNodePhase.Running, seed.Core.Phase); // a seed may bootstrap alone
    }

    [Fact]
    public void Restarted_node_gossips_with_remembered_peers_while_seeds_are_down()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 21);
        cluster.Crash(nodes[0]); // the only seed
        var old = nodes[3];
        cluster.Crash(old);
        cluster.RunFor(3_000);

        var restarted = cluster.AddNode(Options(3, old.Core.Options.Settings, cluster.NowMs, Generation.Next(old.Core.Generation, cluster.NowMs)));
        restarted.Core.AddSavedEndpoint(nodes[1].Address);
        restarted.Core.AddSavedEndpoint(nodes[2].Address);
        cluster.Start(restarted);

        Assert.True(cluster.RunUntil(() => restarted.Core.LivenessOf(nodes[1].Address) == Protocol.Gossip.LivenessStatus.Up &&
            nodes[2].Core.LivenessOf(restarted.Address) == Protocol.Gossip.LivenessStatus.Up, 20_000));
        Assert.Null(restarted.StartupFailure);
    }

    [Fact]
    public void Quarantined_endpoint_is_not_brought_back_by_a_peer_that_missed_the_removal()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 17);
        var victim = nodes[3];
        var straggler = nodes[2];
        cluster.Crash(victim);
        cluster.Network.Partition([straggler.Address]);
        cluster.Apply(nodes[0], (core, now) => core.Assassinate(victim.Address, confirm: true, now));

        // Others learn LEFT; the expiry is the default 3 days, so push the status' expiry by evicting after it.
        Assert.True(cluster.RunUntil(() => nodes[1].Core.LivenessOf(victim.Address) == LivenessStatus.Down, 10_000));
        cluster.Apply(nodes[0], (core, now) => core.Tick(now + (3 * GossipSettings.Day)));
        cluster.Apply(nodes[1], (core, now) => core.Tick(now + (3 * GossipSettings.Day)));
        Assert.True(nodes[0].Core.IsQuarantined(victim.Address));
        Assert.False(nodes[0].Core.Table.Contains(victim.Address));

        // The straggler still holds the old state and gossips it after the partition heals.
        cluster.Network.Heal();
        cluster.RunFor(20_000);
        Assert.True(straggler.Core.Table.Contains(victim.Address) || straggler.Core.IsQuarantined(victim.Address));
        Assert.False(nodes[0].Core.Table.Contains(victim.Address));
        Assert.False(nodes[1].Core.Table.Contains(victim.Address));
        Assert.Contains(nodes[0].Events, e => e.Kind == MembershipEventKind.Removed && e.Endpoint == victim.Address);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Two_seeds_and_a_joiner_started_at_one_instant_all_see_each_other_up_within_2s(int seed)
    {
        var cluster = NewCluster(seed);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0), SimulatedGossipCluster.AddressOf(1) };
        var nodes = Enumerable.Range(0, 3).Select(i => cluster.AddNode(Options(i, Settings(seeds), cluster.NowMs))).ToList();
        var startedAt = cluster.NowMs;
        foreach (var node in nodes)
        {
            cluster.Start(node);
        }

        // gossip.interval is 1 s: no start-up wait of a gossip interval, let alone a 5 s resend.
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 2_000), $"not converged 2 s after a simultaneous start (seed {seed})");
        output.WriteLine($"converged after {cluster.NowMs - startedAt} ms");
        Assert.All(nodes, node => Assert.Null(node.StartupFailure));
        Assert.All(nodes, node => Assert.True(node.StartedGossipAtMs - startedAt < 500, $"{node.Address} ran its shadow round for {node.StartedGossipAtMs - startedAt} ms"));
    }

    [Fact]
    public void A_joiner_started_before_its_seeds_asks_again_within_the_first_200ms_resend()
    {
        var cluster = NewCluster(seed: 5);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0), SimulatedGossipCluster.AddressOf(1) };
        var joiner = cluster.AddNode(Options(2, Settings(seeds), cluster.NowMs));
        var startedAt = cluster.NowMs;
        cluster.Start(joiner);          // its first probes are refused: no seed process yet
        cluster.RunFor(100);
        foreach (var i in new[] { 0, 1 })
        {
            cluster.Start(cluster.AddNode(Options(i, Settings(seeds), cluster.NowMs)));
        }

        // The seeds end their own shadow rounds on each other's "starting too"; the joiner's 200 ms resend finds them.
        Assert.True(cluster.RunUntil(() => joiner.StartedGossipAtMs is not null, 1_000), "the joiner waited for a long resend");
        output.WriteLine($"joiner began gossip {joiner.StartedGossipAtMs - startedAt} ms after its start");
        Assert.InRange(joiner.StartedGossipAtMs!.Value - startedAt, 200, 300);
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 2_000));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sixteen_nodes_started_at_one_instant_all_see_each_other_up_within_one_gossip_interval(int seed)
    {
        var cluster = NewCluster(seed);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0), SimulatedGossipCluster.AddressOf(1) };
        var nodes = Enumerable.Range(0, 16).Select(i => cluster.AddNode(Options(i, Settings(seeds), cluster.NowMs))).ToList();
        var startedAt = cluster.NowMs;
        foreach (var node in nodes)
        {
            cluster.Start(node);
        }

        // News rounds spread each join in network round trips: a gossip interval (1 s) is not waited for anywhere.
        var converged = cluster.RunUntil(() => AllSeeAll(cluster), 5_000);
        output.WriteLine($"converged after {cluster.NowMs - startedAt} ms");
        Assert.True(converged && cluster.NowMs - startedAt <= 1_000, $"16 nodes not converged 1 s after a simultaneous start (seed {seed})");
    }

    [Theory]
    [InlineData(100)]
    [InlineData(0)]
    public void A_node_joining_sixteen_is_up_everywhere_within_a_few_round_trips_with_news_rounds(long gapMs)
    {
        var cluster = NewCluster(seed: 7);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0), SimulatedGossipCluster.AddressOf(1) };
        var settings = Settings(seeds) with { NewsRoundMinGapMs = gapMs };
        foreach (var i in Enumerable.Range(0, 16))
        {
            cluster.Start(cluster.AddNode(Options(i, settings, cluster.NowMs)));
        }

        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 30_000));
        cluster.RunFor(5_000);
        var joiner = cluster.AddNode(Options(16, settings, cluster.NowMs));
        var startedAt = cluster.NowMs;
        cluster.Start(joiner);

        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 10_000));
        var took = cluster.NowMs - startedAt;
        output.WriteLine($"gossip.news-round-min-gap {gapMs} ms: every node sees the joiner up after {took} ms");
        if (gapMs > 0)
        {
            // Round trips of a few ms each: done at the first check, well inside one gossip interval.
            Assert.True(took <= 200, $"took {took} ms");
        }
        else
        {
            // Regular rounds only, every 1 s from each node's own phase: not within the first few hundred ms.
            Assert.True(took >= 500, $"took {took} ms, faster than regular rounds allow");
        }
    }

    [Fact]
    public void A_joiner_started_seconds_before_its_seeds_gets_their_state_within_a_second_of_their_start()
    {
        var cluster = NewCluster(seed: 9);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0), SimulatedGossipCluster.AddressOf(1) };
        var joiner = cluster.AddNode(Options(2, Settings(seeds), cluster.NowMs));
        cluster.Start(joiner);          // refused for 5 s: its resends back off to gossip.shadow-round-resend-interval (1 s)
        cluster.RunFor(5_000);
        var seedsAt = cluster.NowMs;
        foreach (var i in new[] { 0, 1 })
        {
            cluster.Start(cluster.AddNode(Options(i, Settings(seeds), cluster.NowMs)));
        }

        Assert.True(cluster.RunUntil(() => joiner.StartedGossipAtMs is not null, 1_100), "the joiner waited more than a resend interval");
        output.WriteLine($"joiner began gossip {joiner.StartedGossipAtMs - seedsAt} ms after its seeds started");
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 1_000));
    }
}
