using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Gossip.Tests.Scenarios.ClusterFixture;

namespace GossipActors.Gossip.Tests.Scenarios;

/// <summary>Issue 11: routine operator actions and restarts, on the pure core and virtual time.</summary>
public sealed class OperatorActionScenarioTests
{
    [Fact]
    public void Assassinating_a_cleanly_shut_down_node_publishes_valid_versions_and_the_assassin_stays_up()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 31, convictAfterSilenceMs: 8_000);
        var victim = nodes[3];
        cluster.Shutdown(victim);
        cluster.RunFor(2_000);
        Assert.Equal(Versions.Highest, nodes[0].Core.Table.HeartBeatOf(victim.Address)!.Value.Version);

        cluster.Apply(nodes[0], (core, now) => core.Assassinate(victim.Address, confirm: true, now));

        var assassinated = nodes[0].Core.Table.Get(victim.Address)!;
        Assert.All(assassinated.ApplicationStates.Values, v => Assert.InRange(v.Version, 0, Versions.Highest));
        Assert.InRange(assassinated.HeartBeat.Version, 0, Versions.Highest);
        Assert.StartsWith("LEFT,", EndpointStatus.StatusOf(assassinated), StringComparison.Ordinal);
        // What the assassin gossips must survive the codec its peers decode with (negative versions do not).
        var codec = new WireCodec(new CodecLimits { MaximumMessageSize = 16 * 1024 * 1024 });
        var decoded = (GossipDigestAck)codec.Decode(codec.Encode(DigestExaminer.FullState(nodes[0].Core.Table))).Gossip!;
        Assert.Equal(assassinated, decoded.States.Single(s => s.Key == victim.Address).Value);

        Assert.True(cluster.RunUntil(() => nodes.Take(3).All(n => EndpointStatus.Kind(ValueAt(n, victim.Address, ApplicationStateKeys.Status)) == EndpointStatus.Left), 10_000));
        cluster.RunFor(30_000);
        Assert.All(nodes.Skip(1).Take(2), n => Assert.Equal(LivenessStatus.Up, n.Core.LivenessOf(nodes[0].Address)));
    }

    [Fact]
    public void Every_node_tells_its_transport_to_forget_an_endpoint_once_it_has_left()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 53);
        var forgotten = nodes.ToDictionary(n => n.Address, _ => new List<EndpointAddress>());
        cluster.Observer = (node, output) => forgotten[node.Address].AddRange(output.Forgotten);
        var victim = nodes[3];
        cluster.Crash(victim);

        cluster.Apply(nodes[0], (core, now) => core.Assassinate(victim.Address, confirm: true, now));

        Assert.True(cluster.RunUntil(() => nodes.Take(3).All(n => forgotten[n.Address].Contains(victim.Address)), 10_000));
        cluster.RunFor(10_000);
        Assert.All(nodes.Take(3), n => Assert.Single(forgotten[n.Address]));
    }

    [Fact]
    public void Versions_saturate_instead_of_wrapping()
    {
        Assert.Equal(Versions.Highest, Versions.After(Versions.Highest));
        Assert.Equal(Versions.Highest, Versions.After(Versions.Highest - 1));
        Assert.Equal(8, Versions.After(7));
    }

    [Fact]
    public void Decommission_goes_leaving_then_left_and_stays_left_after_the_node_stops()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 33);
        var leaving = nodes[2];
        cluster.Apply(leaving, (core, now) => core.Decommission(now));
        Assert.Equal(EndpointStatus.Leaving, ValueAt(leaving, leaving.Address, ApplicationStateKeys.Status));
        Assert.True(cluster.RunUntil(() => nodes.Where(n => n != leaving).All(n => ValueAt(n, leaving.Address, ApplicationStateKeys.Status) == EndpointStatus.Leaving), 3_000),
            "peers did not see LEAVING");

        Assert.True(cluster.RunUntil(() => nodes.Where(n => n != leaving).All(n =>
            EndpointStatus.Kind(ValueAt(n, leaving.Address, ApplicationStateKeys.Status)) == EndpointStatus.Left), 10_000), "peers did not see LEFT");
        cluster.RunFor(5_000);
        cluster.Shutdown(leaving);

        var sentToLeaver = 0;
        cluster.Observer = (_, output) => sentToLeaver += output.Messages.Count(m => m.To == leaving.Address);
        cluster.RunFor(60_000);
        foreach (var node in nodes.Where(n => n != leaving))
        {
            Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(ValueAt(node, leaving.Address, ApplicationStateKeys.Status)));
            Assert.Equal(LivenessStatus.Down, node.Core.LivenessOf(leaving.Address));
            Assert.Contains(leaving.Address, node.Core.DepartedEndpoints);
            Assert.DoesNotContain(leaving.Address, node.Core.UnreachableEndpoints);
        }

        Assert.Equal(0, sentToLeaver);
    }

    [Fact]
    public void A_decommission_is_refused_twice_and_a_left_node_stops_without_announcing_shutdown()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(3, seed: 35);
        cluster.Apply(nodes[1], (core, now) => core.Decommission(now));
        var again = nodes[1].Core.Decommission(cluster.NowMs);
        Assert.Contains(again.Warnings, w => w.Kind == GossipWarningKind.InvalidRequest && w.Message.Contains("already leaving", StringComparison.Ordinal));
        cluster.RunFor(6_000);

        var shutdown = nodes[1].Core.Shutdown(cluster.NowMs);

        Assert.Empty(shutdown.Messages);
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(ValueAt(nodes[1], nodes[1].Address, ApplicationStateKeys.Status)));
    }

    [Theory]
    [InlineData(0, 0)]       // everyone at once
    [InlineData(0, 40_000)]  // the seed comes back after the others' shadow-round time-out
    [InlineData(40_000, 0)]  // the seed first, the others long after
    [InlineData(0, 7_000)]   // the seed starts between two of the others' resends
    public void A_whole_cluster_restart_converges_in_any_order(long othersAtMs, long seedAtMs)
    {
        var (cluster, restarted) = PowerCut(seed: 37, downMs: 5_000);

        var begin = cluster.NowMs;
        cluster.Network.Schedule(begin + seedAtMs, () => cluster.Start(restarted[0]));
        cluster.Network.Schedule(begin + othersAtMs, () =>
        {
            foreach (var node in restarted.Skip(1))
            {
                cluster.Start(node);
            }
        });

        Assert.True(cluster.RunUntil(() => restarted.All(n => n.IsRunning && n.Core.Phase == GossipNodePhase.Running) && AllSeeAll(cluster), Math.Max(othersAtMs, seedAtMs) + 30_000),
            string.Join("; ", restarted.Select(n => $"{n.Address}: {n.Core.Phase} {n.StartupFailure?.Message} live {n.Core.LiveEndpoints.Count}")));
        Assert.All(restarted, n => Assert.Null(n.StartupFailure));
    }

    [Fact]
    public void Everyone_at_once_converges_within_a_few_seconds_because_a_seed_proceeds_on_empty_answers()
    {
        var (cluster, restarted) = PowerCut(seed: 39, downMs: 0);
        foreach (var node in restarted)
        {
            cluster.Start(node);
        }

        // Well inside the 30 s shadow-round time-out: nobody waits for it.
        Assert.True(cluster.RunUntil(() => AllSeeAll(cluster) && restarted.All(n => n.Core.Phase == GossipNodePhase.Running), 10_000));
        Assert.DoesNotContain(restarted.SelectMany(n => n.Warnings), w => w.Kind == GossipWarningKind.ShadowRoundTimedOut);
    }

    [Fact]
    public void A_first_join_with_no_seed_answering_still_fails_with_the_diagnosis()
    {
        var cluster = NewCluster(seed: 41);
        var joiner = cluster.AddNode(Options(5, Settings([SimulatedGossipCluster.AddressOf(0)]), cluster.NowMs));
        cluster.Start(joiner);
        cluster.RunFor(31_000);
        Assert.IsType<SeedsUnreachableException>(joiner.StartupFailure);
    }

    [Fact]
    public void A_departed_endpoint_restored_from_disk_is_not_probed_gossiped_with_or_reported_joining()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 43);
        var victim = nodes[3];
        cluster.Crash(victim);
        cluster.Apply(nodes[0], (core, now) => core.Assassinate(victim.Address, confirm: true, now));
        Assert.True(cluster.RunUntil(() => nodes.Take(3).All(n => n.Core.DepartedEndpoints.Contains(victim.Address)), 10_000));
        var leftState = nodes[1].Core.Table.Get(victim.Address)!;

        // Node 1 restarts with its peer table: the others remembered, the victim restored as it left.
        cluster.Crash(nodes[1]);
        var restarted = cluster.AddNode(Options(1, nodes[1].Core.Options.Settings, cluster.NowMs, Generation.Next(nodes[1].Core.Generation, cluster.NowMs)));
        restarted.Core.AddSavedEndpoint(nodes[0].Address);
        restarted.Core.AddSavedEndpoint(nodes[2].Address);
        restarted.Core.AddDepartedEndpoint(victim.Address, leftState, cluster.NowMs);
        var sentToVictim = 0;
        cluster.Observer = (node, output) => sentToVictim += node == restarted ? output.Messages.Count(m => m.To == victim.Address) : 0;
        cluster.Start(restarted);
        Assert.DoesNotContain(victim.Address, restarted.Core.ShadowRound!.Targets);

        Assert.True(cluster.RunUntil(() => restarted.Core.LivenessOf(nodes[0].Address) == LivenessStatus.Up, 20_000));
        cluster.RunFor(20_000);

        Assert.Equal(0, sentToVictim);
        Assert.Equal(LivenessStatus.Down, restarted.Core.LivenessOf(victim.Address));
        Assert.DoesNotContain(restarted.Events, e => e.Endpoint == victim.Address && e.Kind is MembershipEventKind.Joined or MembershipEventKind.Up);
        Assert.Equal(leftState.HeartBeat, restarted.Core.Table.HeartBeatOf(victim.Address));
    }

    [Fact]
    public void A_node_assassinated_while_alive_learns_it_and_stops_announcing_itself_normal()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed: 45);
        var victim = nodes[3];
        cluster.Apply(nodes[0], (core, now) => core.Assassinate(victim.Address, confirm: true, now));

        Assert.True(cluster.RunUntil(() => victim.Core.WasAssassinated, 10_000), "the assassinated node never learned it");
        var warning = Assert.Single(victim.Warnings, w => w.Kind == GossipWarningKind.AssassinatedWhileAlive);
        Assert.Contains("restart it deliberately", warning.Message, StringComparison.Ordinal);
        Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(ValueAt(victim, victim.Address, ApplicationStateKeys.Status)));
        cluster.RunFor(10_000);
        Assert.Single(victim.Warnings, w => w.Kind == GossipWarningKind.AssassinatedWhileAlive);
        Assert.All(nodes.Take(3), n => Assert.Equal(EndpointStatus.Left, EndpointStatus.Kind(ValueAt(n, victim.Address, ApplicationStateKeys.Status))));
    }

    [Fact]
    public void A_copied_data_dir_on_another_address_is_refused_while_the_original_is_alive()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(3, seed: 47);
        var original = nodes[2];
        cluster.RunFor(2_000);
        var copy = cluster.AddNode(Options(9, original.Core.Options.Settings, cluster.NowMs, hostId: original.Core.Options.HostId));
        cluster.Start(copy);

        Assert.True(cluster.RunUntil(() => copy.StartupFailure is not null, 15_000));
        var failure = Assert.IsType<EndpointCollisionException>(copy.StartupFailure);
        Assert.Contains($"A live node at {original.Address} already uses host id", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", failure.Message, StringComparison.Ordinal);
        Assert.Equal(GossipNodePhase.Running, original.Core.Phase);
        Assert.False(nodes[0].Core.Table.Contains(copy.Address), "the copy announced itself before it was refused");
    }

    [Fact]
    public void The_data_dir_moved_to_another_address_after_a_crash_starts_once_the_old_address_stays_silent()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(3, seed: 49);
        var original = nodes[2];
        cluster.Crash(original);
        var moved = cluster.AddNode(Options(9, original.Core.Options.Settings, cluster.NowMs, Generation.Next(original.Core.Generation, cluster.NowMs), original.Core.Options.HostId));
        cluster.Start(moved);

        Assert.True(cluster.RunUntil(() => moved.Core.Phase == GossipNodePhase.Running, 15_000));
        Assert.Null(moved.StartupFailure);
    }

    [Fact]
    public void Two_nodes_with_one_host_id_started_together_leave_exactly_one_running()
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(3, seed: 51);
        var shared = Guid.NewGuid();
        var a = cluster.AddNode(Options(7, nodes[0].Core.Options.Settings, cluster.NowMs, hostId: shared));
        var b = cluster.AddNode(Options(8, nodes[0].Core.Options.Settings, cluster.NowMs, hostId: shared));
        cluster.Start(a);
        cluster.Start(b);

        Assert.True(cluster.RunUntil(() => (a.StartupFailure ?? a.Fatal) is not null || (b.StartupFailure ?? b.Fatal) is not null, 30_000));
        cluster.RunFor(10_000);
        var refused = new[] { a, b }.Where(n => (n.StartupFailure ?? n.Fatal) is EndpointCollisionException).ToList();
        var survivor = Assert.Single(new[] { a, b }.Except(refused));
        Assert.Single(refused);
        Assert.Equal(GossipNodePhase.Running, survivor.Core.Phase);
        // A refused node that had announced itself leaves as shut down, not as a member that failed.
        if (refused[0].Fatal is not null)
        {
            Assert.True(cluster.RunUntil(() => EndpointStatus.IsShutdown(ValueAt(nodes[0], refused[0].Address, ApplicationStateKeys.Status)), 10_000));
        }
    }

    /// <summary>A converged 4-node cluster loses power; returns the new incarnations (not started), each remembering the others.</summary>
    private static (SimulatedGossipCluster Cluster, List<SimulatedNode> Restarted) PowerCut(int seed, long downMs)
    {
        var (cluster, nodes) = MembershipScenarioTests.ConvergedCluster(4, seed);
        foreach (var node in nodes)
        {
            cluster.Crash(node);
        }

        cluster.RunFor(downMs);
        var restarted = nodes.Select((old, i) =>
        {
            var node = cluster.AddNode(Options(i, old.Core.Options.Settings, cluster.NowMs, Generation.Next(old.Core.Generation, cluster.NowMs)));
            foreach (var peer in nodes.Where(n => n != old))
            {
                node.Core.AddSavedEndpoint(peer.Address);
            }

            return node;
        }).ToList();
        return (cluster, restarted);
    }
}
