using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Simulation;
using GossipActors.Protocol.Gossip;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Gossip.Tests.Simulation;

/// <summary>
/// The default detector (<c>observers = 3</c>: direct heartbeats to three observers, convictions gossiped) on the
/// simulated 16-node network of <see cref="FailureDetectionUnderNoiseTests"/> (latency mean 5 ms / p99 200 ms, 1 % loss),
/// seeded and on virtual time.
/// </summary>
public sealed class ObserverSimulationTests(ITestOutputHelper output)
{
    private const int Nodes = 16;
    private const int Seeds = 2;
    private const int Observers = 3;
    private const double Loss = 0.01;
    private const long WarmUpMs = 60_000;

    [Fact]
    public void After_warm_up_every_node_has_three_observers_that_agree_it_is_theirs_and_sends_to_them_only()
    {
        var cluster = NewCluster(seed: 31);
        cluster.RunUntil(WarmUpMs);

        for (var s = 0; s < Nodes; s++)
        {
            var observers = cluster.RingOf(s).ObserversOf(FailureDetectingCluster.AddressOf(s));
            Assert.Equal(Observers, observers.Count);
            Assert.Equal(observers.Order(), cluster.RingOf(s).Targets(cluster.ElapsedMs + FailureDetectingCluster.StartMs).Order());
            foreach (var observer in observers)
            {
                var o = Index(observer);
                Assert.Contains(FailureDetectingCluster.AddressOf(s), cluster.RingOf(o).Observed);
                Assert.True(cluster.DetectorOf(o).HearsDirectly(FailureDetectingCluster.AddressOf(s)), $"node {o} observes node {s} but does not hear it directly");
            }
        }

        // Each node observes exactly the nodes that chose it: 16 x 3 pairs in all.
        Assert.Equal(Nodes * Observers, Enumerable.Range(0, Nodes).Sum(i => cluster.RingOf(i).Observed.Count));
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public void A_crash_is_DOWN_on_every_survivor_within_6_s_and_the_reason_names_an_observer(int seed)
    {
        var cluster = NewCluster(seed);
        const int victim = 7;
        cluster.RunUntil(WarmUpMs);
        var observers = cluster.RingOf(victim).ObserversOf(FailureDetectingCluster.AddressOf(victim)).Select(Index).ToList();

        cluster.Crash(victim);
        var seconds = SecondsUntil(cluster, WarmUpMs, 30_000, () => Survivors(victim).All(i => cluster.SeesDown(i, victim)));

        output.WriteLine($"seed {seed}: DOWN on every survivor {seconds:0.0} s after the crash");
        Assert.True(seconds <= 6.0, $"seed {seed}: every survivor saw the crash DOWN after {seconds:0.0} s");
        var bystander = Survivors(victim).First(i => !observers.Contains(i));
        Assert.Contains(cluster.CoreOf(bystander).ClaimantOf(FailureDetectingCluster.AddressOf(victim))!.Value, observers.Select(FailureDetectingCluster.AddressOf));
        Assert.False(cluster.DetectorOf(bystander).IsDown(FailureDetectingCluster.AddressOf(victim)), "the bystander's own backstop should not have needed to convict yet");
    }

    /// <summary>20 s outlasts the watches the stopped node held (<c>ObserverRing.WatchLeaseMs</c>): it must still be heard.</summary>
    [Theory]
    [InlineData(10_000)]
    [InlineData(20_000)]
    public void A_stopped_node_is_DOWN_everywhere_then_UP_everywhere_once_its_observers_hear_it_and_withdraw(int stopMs)
    {
        var cluster = NewCluster(seed: 51);
        const int staller = 4;
        cluster.Stall(staller, WarmUpMs, stopMs);

        cluster.RunUntil(WarmUpMs + 9_000);
        Assert.All(Survivors(staller), i => Assert.True(cluster.SeesDown(i, staller), $"node {i} does not see the stopped node DOWN"));

        var seconds = SecondsUntil(cluster, WarmUpMs + stopMs, 30_000, () => Survivors(staller).All(i => !cluster.SeesDown(i, staller)));

        output.WriteLine($"UP everywhere {seconds:0.0} s after it resumed");
        Assert.True(seconds <= 5.0, $"the resumed node was UP everywhere only {seconds:0.0} s after it resumed");
        Assert.All(Enumerable.Range(0, Nodes), i => Assert.Empty(cluster.CoreOf(i).OwnClaims));
    }

    [Fact]
    public void When_all_observers_of_a_node_die_with_it_the_gossip_backstop_still_convicts_it_everywhere()
    {
        var cluster = NewCluster(seed: 61);
        const int victim = 9;
        cluster.RunUntil(WarmUpMs);
        var dead = cluster.RingOf(victim).ObserversOf(FailureDetectingCluster.AddressOf(victim)).Select(Index).Append(victim).ToList();

        foreach (var node in dead)
        {
            cluster.Crash(node);
        }

        var survivors = Enumerable.Range(0, Nodes).Except(dead).ToList();
        var seconds = SecondsUntil(cluster, WarmUpMs, 90_000, () => survivors.All(i => cluster.SeesDown(i, victim)));

        output.WriteLine($"backstop: DOWN on every survivor {seconds:0.0} s after the crash");
        Assert.True(seconds <= 40.0, $"the backstop took {seconds:0.0} s");
        Assert.True(seconds > 6.0, $"convicted after {seconds:0.0} s: the observers' fast path should have been gone");
        Assert.All(survivors, i => Assert.All(dead, d => Assert.True(cluster.SeesDown(i, d))));
    }

    [Fact]
    public void A_partition_into_8_and_8_convicts_the_other_side_on_each_side_and_heals_into_one_view()
    {
        var cluster = NewCluster(seed: 71);
        var left = Enumerable.Range(0, Nodes / 2).ToList();
        var right = Enumerable.Range(Nodes / 2, Nodes / 2).ToList();
        cluster.RunUntil(WarmUpMs);

        cluster.Partition(left, right);
        var split = SecondsUntil(cluster, WarmUpMs, 120_000, () =>
            left.All(l => right.All(r => cluster.SeesDown(l, r) && cluster.SeesDown(r, l))));
        output.WriteLine($"split: each side sees the other DOWN after {split:0.0} s");
        Assert.True(split <= 60, $"each side saw the other DOWN only after {split:0.0} s");

        // Each side keeps converging on its own: a state set on one side reaches all of that side.
        var now = FailureDetectingCluster.StartMs + cluster.ElapsedMs;
        cluster.CoreOf(0).SetApplicationState("during", "split", now);
        cluster.RunUntil(cluster.ElapsedMs + 10_000);
        Assert.All(left, l => Assert.Equal("split", cluster.CoreOf(l).Table.Get(FailureDetectingCluster.AddressOf(0))!.Get("during")?.Value));
        Assert.All(left, l => Assert.All(left.Where(o => o != l), o => Assert.False(cluster.SeesDown(l, o), $"node {l} sees its own side's node {o} DOWN")));
        Assert.All(right, r => Assert.All(right.Where(o => o != r), o => Assert.False(cluster.SeesDown(r, o), $"node {r} sees its own side's node {o} DOWN")));

        cluster.Heal();
        var healedAt = cluster.ElapsedMs;
        var healed = SecondsUntil(cluster, healedAt, 120_000,
            () => Enumerable.Range(0, Nodes).All(i => cluster.CoreOf(i).LiveEndpoints.Count == Nodes - 1));

        output.WriteLine($"healed: one view {healed:0.0} s after healing");
        Assert.True(healed <= 60, $"one view again only {healed:0.0} s after healing");
        Assert.All(right, r => Assert.Equal("split", cluster.CoreOf(r).Table.Get(FailureDetectingCluster.AddressOf(0))!.Get("during")?.Value));
        Assert.All(Enumerable.Range(0, Nodes), i => Assert.Empty(cluster.CoreOf(i).OwnClaims));
    }

    /// <summary>
    /// Found by the 16-node chaos run: under a one-way partition the deaf side's observers claimed the nodes they could
    /// not hear, and the claims, which still crossed, took those nodes DOWN among their own side. A claim is now probed:
    /// the unheard side answers its own probes and stays UP among itself, and the deaf side, whose probes go
    /// unanswered, holds it DOWN.
    /// </summary>
    [Fact]
    public void Under_a_one_way_partition_the_unheard_side_stays_UP_among_itself_and_the_deaf_side_holds_it_DOWN()
    {
        var cluster = NewCluster(seed: 61);
        int[] deaf = [0, 1, 2, 3, 4, 5, 6, 7];
        int[] unheard = [8, 9, 10, 11, 12, 13, 14, 15];
        cluster.RunUntil(WarmUpMs);
        cluster.PartitionOneWay(deaf, unheard);
        var downInside = new List<string>();
        cluster.MembershipChanged = (node, change) =>
        {
            if (change.Kind == Protocol.Gossip.MembershipEventKind.Down && unheard.Contains(node) && unheard.Contains(Index(change.Endpoint)))
            {
                downInside.Add($"node {node} marked node {Index(change.Endpoint)} DOWN at {cluster.ElapsedMs - WarmUpMs} ms: {change.Reason}");
            }
        };

        for (var t = WarmUpMs; t < WarmUpMs + 60_000; t += 100)
        {
            cluster.RunUntil(t);
            downInside.AddRange(
                from observer in unheard
                from endpoint in unheard
                where observer != endpoint && cluster.SeesDown(observer, endpoint)
                select $"{t - WarmUpMs} ms: node {observer} sees node {endpoint} DOWN");
        }

        cluster.MembershipChanged = null;
        Assert.True(downInside.Count == 0, string.Join("\n", downInside.Take(10)));
        Assert.All(deaf, observer => Assert.All(unheard, endpoint => Assert.True(cluster.SeesDown(observer, endpoint), $"node {observer} does not see unheard node {endpoint} DOWN")));
        Assert.All(deaf, observer => Assert.All(deaf.Where(e => e != observer), endpoint => Assert.False(cluster.SeesDown(observer, endpoint), $"node {observer} sees node {endpoint} of its own side DOWN")));

        cluster.Heal();
        var seconds = SecondsUntil(cluster, cluster.ElapsedMs, 30_000, () => Enumerable.Range(0, Nodes).All(i => Enumerable.Range(0, Nodes).All(j => i == j || !cluster.SeesDown(i, j))));
        output.WriteLine($"one view {seconds:0.0} s after the heal");
    }

    private static FailureDetectingCluster NewCluster(int seed) =>
        new(Nodes, Seeds, TestSettings.Node([]), Loss, new Random(seed));

    private static IEnumerable<int> Survivors(int victim) => Enumerable.Range(0, Nodes).Where(i => i != victim);

    private static int Index(Protocol.Model.EndpointAddress address) =>
        Enumerable.Range(0, Nodes).Single(i => FailureDetectingCluster.AddressOf(i) == address);

    /// <summary>Runs in 100 ms steps until <paramref name="done"/>, at most <paramref name="limitMs"/>; seconds from <paramref name="fromMs"/>.</summary>
    private static double SecondsUntil(FailureDetectingCluster cluster, long fromMs, long limitMs, Func<bool> done)
    {
        while (!done())
        {
            Assert.True(cluster.ElapsedMs < fromMs + limitMs, $"not reached within {limitMs / 1000} s");
            cluster.RunUntil(cluster.ElapsedMs + 100);
        }

        return (cluster.ElapsedMs - fromMs) / 1000.0;
    }
}
