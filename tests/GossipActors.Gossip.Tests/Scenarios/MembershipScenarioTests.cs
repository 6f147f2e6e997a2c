using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Gossip.Tests.Scenarios.ClusterFixture;

namespace GossipActors.Gossip.Tests.Scenarios;

public sealed class MembershipScenarioTests
{
    [Fact]
    public void Three_nodes_join_through_one_seed()
    {
        var cluster = NewCluster();
        var seed = SimulatedGossipCluster.AddressOf(0);
        var settings = Settings([seed]);
        var nodes = Enumerable.Range(0, 3).Select(i => cluster.AddNode(Options(i, settings, cluster.NowMs))).ToList();
        cluster.Start(nodes[0]);
        cluster.Start(nodes[1]);
        cluster.Start(nodes[2]);

        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 20_000), "three nodes did not converge within 20 s");
        Assert.All(nodes, node => Assert.Equal(GossipNodePhase.Running, node.Core.Phase));
        // The non-seeds learned of each other only through the seed, and each was reported UP after an echo.
        var up = nodes[1].Events.Where(e => e.Kind == MembershipEventKind.Up).Select(e => e.Endpoint).ToHashSet();
        Assert.Contains(nodes[2].Address, up);
        Assert.Contains(seed, up);
        Assert.Empty(nodes.SelectMany(node => node.Warnings));
    }

    [Fact]
    public void Hundred_nodes_all_see_each_other_within_fifteen_rounds()
    {
        var cluster = NewCluster(seed: 7);
        var seeds = Enumerable.Range(0, 3).Select(SimulatedGossipCluster.AddressOf).ToList();
        var settings = Settings(seeds);
        var nodes = Enumerable.Range(0, 100).Select(i => cluster.AddNode(Options(i, settings, cluster.NowMs))).ToList();
        foreach (var node in nodes.Take(3))
        {
            cluster.Start(node, skipShadowRound: node == nodes[0]);
        }

        cluster.RunUntil(() => nodes.Take(3).All(node => node.Core.Phase == GossipNodePhase.Running), 60_000);
        foreach (var node in nodes.Skip(3))
        {
            cluster.Start(node);
        }

        var startedAt = cluster.NowMs;
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 15 * 1000),
            $"not every node saw every other UP within 15 rounds; worst node knows {nodes.Min(n => n.Core.LiveEndpoints.Count)} live peers");
        Assert.True(cluster.NowMs - startedAt <= 15_000);
    }

    [Fact]
    public void Application_state_change_reaches_every_node()
    {
        var (cluster, nodes) = ConvergedCluster(30, seed: 11);
        cluster.Apply(nodes[17], (core, now) => core.SetApplicationState("SCHEMA", "v2", now));

        Assert.True(cluster.RunUntil(() => nodes.All(n => ValueAt(n, nodes[17].Address, "SCHEMA") == "v2"), 15_000));
        Assert.All(nodes.Where(n => n != nodes[17]), n =>
            Assert.Contains(n.Events, e => e.Kind == MembershipEventKind.StateChanged && e.Endpoint == nodes[17].Address && e.Key == "SCHEMA" && e.Value == "v2"));
    }

    [Fact]
    public void Restart_with_higher_generation_replaces_old_state()
    {
        var (cluster, nodes) = ConvergedCluster(5, seed: 3);
        var victim = nodes[3];
        cluster.Apply(victim, (core, now) => core.SetApplicationState("OLD_ONLY", "x", now));
        cluster.RunUntil(() => ValueAt(nodes[0], victim.Address, "OLD_ONLY") == "x", 10_000);
        var oldGeneration = victim.Core.Generation;

        cluster.Crash(victim);
        cluster.RunFor(5_000);
        var restarted = cluster.AddNode(Options(3, victim.Core.Options.Settings, cluster.NowMs, Generation.Next(oldGeneration, cluster.NowMs)));
        cluster.Start(restarted);

        Assert.True(cluster.RunUntil(() => nodes.Take(3).All(n =>
            n.Core.Table.HeartBeatOf(victim.Address)?.Generation == restarted.Core.Generation &&
            n.Core.LivenessOf(victim.Address) == LivenessStatus.Up), 20_000));
        Assert.True(restarted.Core.Generation > oldGeneration);
        // Generation beats version: the new state replaced the old one wholesale.
        Assert.Null(ValueAt(nodes[0], victim.Address, "OLD_ONLY"));
        Assert.Contains(nodes[0].Events, e => e.Kind == MembershipEventKind.Restarted && e.Endpoint == victim.Address);
    }

    [Fact]
    public void Shutdown_announcement_marks_node_down_at_once()
    {
        var (cluster, nodes) = ConvergedCluster(5, seed: 5);
        var leaving = nodes[2];
        cluster.Shutdown(leaving);
        cluster.RunFor(50); // a few latencies, far less than a round

        foreach (var node in nodes.Where(n => n != leaving))
        {
            Assert.Equal(LivenessStatus.Down, node.Core.LivenessOf(leaving.Address));
            Assert.Contains(node.Events, e => e.Kind == MembershipEventKind.Down && e.Endpoint == leaving.Address && e.Reason == "announced shutdown");
            Assert.Equal(EndpointStatus.ShutdownValue, ValueAt(node, leaving.Address, ApplicationStateKeys.Status));
        }

        // Stale gossip does not bring it back.
        cluster.RunFor(10_000);
        Assert.All(nodes.Where(n => n != leaving), n => Assert.Equal(LivenessStatus.Down, n.Core.LivenessOf(leaving.Address)));
    }

    [Fact]
    public void Partition_then_heal_converges_by_generation_and_version()
    {
        var (cluster, nodes) = ConvergedCluster(10, seed: 9, convictAfterSilenceMs: 8_000);
        var left = nodes.Take(5).Select(n => n.Address).ToList();
        var right = nodes.Skip(5).Select(n => n.Address).ToList();
        cluster.Network.Partition(left, right);
        cluster.Apply(nodes[1], (core, now) => core.SetApplicationState("LOAD", "left-side", now));
        cluster.Apply(nodes[8], (core, now) => core.SetApplicationState("LOAD", "right-side", now));

        Assert.True(cluster.RunUntil(() => nodes[0].Core.LivenessOf(nodes[9].Address) == LivenessStatus.Down, 30_000),
            "the silence detector did not convict across the partition");
        Assert.Equal("left-side", ValueAt(nodes[4], nodes[1].Address, "LOAD"));
        Assert.Null(ValueAt(nodes[9], nodes[1].Address, "LOAD"));

        cluster.Network.Heal();
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster) &&
            nodes.All(n => ValueAt(n, nodes[1].Address, "LOAD") == "left-side" && ValueAt(n, nodes[8].Address, "LOAD") == "right-side"), 30_000));
        Assert.Contains(nodes[0].Events, e => e.Kind == MembershipEventKind.Up && e.Endpoint == nodes[9].Address && e.AtMs > cluster.NowMs - 30_000);
    }

    [Fact]
    public void Cluster_name_mismatch_is_dropped_with_a_warning_naming_both()
    {
        var cluster = NewCluster();
        var seed = SimulatedGossipCluster.AddressOf(0);
        var good = cluster.AddNode(Options(0, Settings([seed], "prod"), cluster.NowMs));
        var stranger = cluster.AddNode(Options(1, Settings([seed], "staging"), cluster.NowMs));
        cluster.Start(good);
        cluster.Start(stranger);
        cluster.RunFor(40_000);

        var warning = Assert.Single(good.Warnings.Where(w => w.Kind == GossipWarningKind.ClusterNameMismatch).DistinctBy(w => w.Message));
        Assert.Contains("'staging'", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'prod'", warning.Message, StringComparison.Ordinal);
        Assert.Contains(stranger.Address.ToString(), warning.Message, StringComparison.Ordinal);
        Assert.False(good.Core.Table.Contains(stranger.Address));
        Assert.IsType<SeedsUnreachableException>(stranger.StartupFailure);
    }

    internal static (SimulatedGossipCluster Cluster, List<SimulatedNode> Nodes) ConvergedCluster(int count, int seed, long? convictAfterSilenceMs = null)
    {
        var cluster = NewCluster(seed, convictAfterSilenceMs);
        var seeds = new[] { SimulatedGossipCluster.AddressOf(0) };
        var settings = Settings(seeds);
        var nodes = Enumerable.Range(0, count).Select(i => cluster.AddNode(Options(i, settings, cluster.NowMs))).ToList();
        cluster.Start(nodes[0], skipShadowRound: true);
        foreach (var node in nodes.Skip(1))
        {
            cluster.Start(node);
        }

        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster), 60_000), $"{count} nodes did not converge");
        return (cluster, nodes);
    }
}
