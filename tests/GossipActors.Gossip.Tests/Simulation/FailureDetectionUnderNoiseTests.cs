using System.Globalization;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Simulation;
using Xunit;

namespace GossipActors.Gossip.Tests.Simulation;

/// <summary>
/// On the simulated network (latency mean 5 ms / p99 200 ms, 1 % loss), seeded and on virtual time. Issue 5's target,
/// with heartbeats learnt through gossip: the normal model at threshold 8 convicts a crash on every survivor within
/// 10 s, and a node stalling 4 s is convicted by nobody. Issue 14's, with the defaults (direct heartbeats every 500 ms,
/// normal model, 3.8 s pause): every survivor within 6 s, and still nobody convicted for a 4 s stall, which Akka's
/// 3 s pause would convict. docs/performance.md has the full runs behind these.
/// </summary>
public sealed class FailureDetectionUnderNoiseTests
{
    private const int Nodes = 16;
    private const int Seeds = 2;
    private const double Loss = 0.01;
    private const long WarmUpMs = 120_000;

    private const string Normal8 = "gossip.failure-detector { heartbeats = gossip, model = normal, acceptable-heartbeat-pause = 3s, phi-convict-threshold = 8 }";
    private const string Defaults = "";
    private const string DirectWithAkkasPause = "gossip.failure-detector.acceptable-heartbeat-pause = 3s";

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void The_defaults_convict_a_crash_on_every_survivor_within_6_s(int seed)
    {
        var seconds = SecondsUntilEverySurvivorConvicts(seed, TestSettings.Node([], hocon: Defaults));

        Assert.True(seconds <= 6.0, $"seed {seed}: the last survivor convicted the crashed node after {seconds:0.0} s");
    }

    [Fact]
    public void With_the_defaults_a_node_stopped_4_s_every_2_minutes_for_an_hour_is_convicted_by_nobody_and_convicts_nobody()
    {
        var convictions = StallEveryTwoMinutes(TestSettings.Node([], hocon: Defaults), out var evaluations, untilMs: 3_630_000);

        Assert.Empty(convictions);
        // Evaluations at crossings: at least one every two heartbeat intervals on every node.
        Assert.True(evaluations > Nodes * 3_400, $"only {evaluations} evaluations ran");
    }

    [Fact]
    public void With_akkas_3_s_pause_direct_heartbeats_convict_a_node_stopped_4_s()
    {
        var convictions = StallEveryTwoMinutes(TestSettings.Node([], hocon: DirectWithAkkasPause), out _);

        Assert.Contains(convictions, c => c.Contains($"convicted {FailureDetectingCluster.AddressOf(Nodes - 1)} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Normal_model_at_threshold_8_convicts_a_crash_on_every_survivor_within_10_s(int seed)
    {
        var seconds = SecondsUntilEverySurvivorConvicts(seed, Settings(fanout: null));

        Assert.True(seconds <= 10.0, $"seed {seed}: the last survivor convicted the crashed node after {seconds:0.0} s");
    }

    [Fact]
    public void Two_peers_per_round_convict_sooner_than_cassandras_one()
    {
        int[] seeds = [11, 12, 13];

        var withTwo = seeds.Sum(seed => SecondsUntilEverySurvivorConvicts(seed, Settings(fanout: 2)));
        var withOne = seeds.Sum(seed => SecondsUntilEverySurvivorConvicts(seed, Settings(fanout: 1)));

        Assert.True(withTwo < withOne, $"fanout 2 took {withTwo:0.0} s over three crashes, fanout 1 {withOne:0.0} s");
    }

    [Fact]
    public void A_node_stalling_4_s_every_2_minutes_is_convicted_by_nobody_and_convicts_nobody()
    {
        var convictions = StallEveryTwoMinutes(Settings(fanout: null), out var evaluations);

        Assert.Empty(convictions);
        Assert.True(evaluations > Nodes * 800, $"only {evaluations} evaluations ran");
    }

    [Fact]
    public void The_latency_mixture_has_the_issues_mean_and_p99()
    {
        var statistics = new LatencyStatistics();
        var random = new Random(5);
        for (var i = 0; i < 200_000; i++)
        {
            statistics.Record(LatencyMixture.SampleMs(random));
        }

        Assert.InRange(statistics.MeanMs, 4.8, 5.2);
        Assert.InRange(statistics.PercentileMs(0.99), 195, 205);
    }

    /// <summary>The normal model at threshold 8 over reference.conf; <paramref name="fanout"/> null keeps its fanout.</summary>
    private static GossipNodeSettings Settings(int? fanout) =>
        TestSettings.Node([], hocon: fanout is { } f ? string.Create(CultureInfo.InvariantCulture, $"{Normal8}\ngossip.fanout = {f}") : Normal8);

    /// <summary>
    /// 15 minutes (or <paramref name="untilMs"/>) in which the last node stalls 4 s every 2 minutes from 2.5 minutes on;
    /// every conviction by anyone's detector, and every moment a node held another DOWN (a gossiped claim included).
    /// </summary>
    private static List<string> StallEveryTwoMinutes(GossipNodeSettings settings, out int evaluations, long untilMs = 900_000)
    {
        var cluster = new FailureDetectingCluster(Nodes, Seeds, settings, Loss, new Random(21));
        var staller = Nodes - 1;
        for (var at = 150_000L; at < untilMs; at += 120_000)
        {
            cluster.Stall(staller, at, 4_000);
        }

        var convictions = new List<string>();
        var count = 0;
        cluster.Evaluated = (observer, evaluation, elapsedMs) =>
        {
            count++;
            convictions.AddRange(evaluation.Convictions.Select(c => $"node {observer} convicted {c.Endpoint} at {elapsedMs} ms (phi {c.Phi:0.0})"));
            if (elapsedMs > 120_000 && cluster.CoreOf(observer).LiveEndpoints.Count != Nodes - 1)
            {
                convictions.Add($"node {observer} holds {Nodes - 1 - cluster.CoreOf(observer).LiveEndpoints.Count} peer(s) not UP at {elapsedMs} ms");
            }
        };

        // Between evaluations too: a gossiped claim takes a node DOWN on a heartbeat tick, not in an evaluation.
        cluster.MembershipChanged = (observer, change) =>
        {
            if (change.Kind == Protocol.Gossip.MembershipEventKind.Down && cluster.ElapsedMs > 120_000)
            {
                convictions.Add($"node {observer} holds {change.Endpoint} DOWN at {cluster.ElapsedMs} ms");
            }
        };

        cluster.RunUntil(untilMs);
        evaluations = count;
        if (convictions.Count == 0)
        {
            Assert.All(Enumerable.Range(0, Nodes), i => Assert.Equal(Nodes - 1, cluster.CoreOf(i).LiveEndpoints.Count));
        }

        return convictions;
    }

    private static double SecondsUntilEverySurvivorConvicts(int seed, GossipNodeSettings settings)
    {
        var random = new Random(seed);
        var cluster = new FailureDetectingCluster(Nodes, Seeds, settings, Loss, random);
        var victim = 5;
        var crashAt = WarmUpMs + random.Next(1000);
        var convictedAt = new long?[Nodes];
        var victimAddress = FailureDetectingCluster.AddressOf(victim);
        // The moment each survivor marks it DOWN: by its own evaluation, or on a heartbeat tick for a gossiped claim.
        cluster.MembershipChanged = (observer, change) =>
        {
            if (observer != victim && convictedAt[observer] is null && cluster.ElapsedMs >= crashAt &&
                change.Kind == Protocol.Gossip.MembershipEventKind.Down && change.Endpoint == victimAddress)
            {
                convictedAt[observer] = cluster.ElapsedMs;
            }
        };

        cluster.RunUntil(crashAt);
        Assert.All(Enumerable.Range(0, Nodes).Where(i => i != victim), i => Assert.False(cluster.SeesDown(i, victim)));
        cluster.Crash(victim);
        cluster.RunUntil(crashAt + 60_000);

        var survivors = Enumerable.Range(0, Nodes).Where(i => i != victim).ToList();
        Assert.All(survivors, i => Assert.NotNull(convictedAt[i]));
        return survivors.Max(i => convictedAt[i]!.Value - crashAt) / 1000.0;
    }
}
