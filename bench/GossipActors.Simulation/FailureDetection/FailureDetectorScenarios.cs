using System.Globalization;
using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Simulation;
using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Simulation.FailureDetection;

/// <summary>
/// One configuration under test: where arrivals come from, the model, the threshold, and optionally a non-default
/// acceptable-heartbeat-pause (normal model) or gossip fanout (live peers per round); the rest is reference.conf's.
/// Rows fed by gossip alone keep the 3 s pause they were tuned with (issue 5) unless they say otherwise: reference.conf's
/// 3.8 s is for direct heartbeats.
/// </summary>
internal sealed record DetectorConfiguration(
    HeartbeatSource Heartbeats, PhiModelKind Model, double Threshold, TimeSpan? AcceptableHeartbeatPause = null, int? Fanout = null)
{
    /// <summary>The acceptable pause the gossip-fed normal model was tuned with in issue 5.</summary>
    public static readonly TimeSpan GossipFedPause = TimeSpan.FromSeconds(3);

    public GossipNodeSettings Settings { get; } = SimulationSettings.Bind(
        [], Overrides(Heartbeats, Model, Threshold, AcceptableHeartbeatPause ?? (Heartbeats == HeartbeatSource.Gossip ? GossipFedPause : null), Fanout));

    private static string Overrides(HeartbeatSource heartbeats, PhiModelKind model, double threshold, TimeSpan? pause, int? fanout)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(inv, $"gossip.failure-detector.heartbeats = {heartbeats.ToString().ToLowerInvariant()}"),
            string.Create(inv, $"gossip.failure-detector.model = {model.ToString().ToLowerInvariant()}"),
            string.Create(inv, $"gossip.failure-detector.phi-convict-threshold = {threshold}"),
        };
        if (pause is { } p)
        {
            lines.Add(string.Create(inv, $"gossip.failure-detector.acceptable-heartbeat-pause = {p.TotalMilliseconds}ms"));
        }

        if (fanout is { } f)
        {
            lines.Add(string.Create(inv, $"gossip.fanout = {f}"));
        }

        return string.Join('\n', lines);
    }
}

/// <summary>
/// The two experiments of issue 5 item 7 for one configuration, both under the same conditions: the
/// latency mixture, 1 % loss, and the last node (not a seed) stalling 4 s every 10 minutes from a
/// random first moment. Every configuration sees the same seeds, so they are compared on the same luck.
/// </summary>
internal static class FailureDetectorScenarios
{
    public const int SeedNodes = 2;
    public const double LossProbability = 0.01;
    public const long WarmUpMs = 120_000;
    public const long CrashDeadlineMs = 180_000;
    public const long StallMs = 4_000;
    public const long StallPeriodMs = 600_000;

    /// <summary>
    /// Start the cluster cold, crash one random node after a 2-minute warm-up, and measure how long until
    /// every survivor's detector has it down. Each trial is a fresh cluster with its own seed.
    /// </summary>
    public static CrashFigures CrashDetection(DetectorConfiguration configuration, int nodes, int trials, int seed)
    {
        var seconds = new List<double>();
        var typicalSeconds = new List<double>();
        var missed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var random = new Random(unchecked((seed * 7919) + trial));
            var cluster = new FailureDetectingCluster(nodes, SeedNodes, configuration.Settings, LossProbability, random);
            var victim = random.Next(nodes);
            var crashAt = WarmUpMs + random.Next(1000);
            var end = crashAt + CrashDeadlineMs;
            ScheduleStalls(cluster, nodes - 1, end, new Random(random.Next()));
            var victimAddress = FailureDetectingCluster.AddressOf(victim);
            var convictedAt = new long?[nodes];
            var pending = nodes - 1;
            cluster.Evaluated = (observer, _, elapsedMs) =>
            {
                if (observer != victim && convictedAt[observer] is null && elapsedMs >= crashAt
                    && cluster.DetectorOf(observer).IsDown(victimAddress))
                {
                    convictedAt[observer] = elapsedMs;
                    pending--;
                }
            };

            cluster.RunUntil(crashAt);
            cluster.Crash(victim);
            while (pending > 0 && cluster.ElapsedMs < end)
            {
                cluster.RunUntil(cluster.ElapsedMs + 1000);
            }

            if (pending > 0)
            {
                missed++;
                continue;
            }

            var survivors = convictedAt.Where((_, i) => i != victim).Select(t => (t!.Value - crashAt) / 1000.0).Order().ToList();
            seconds.Add(survivors[^1]);
            typicalSeconds.Add(Percentile(survivors, 0.5));
        }

        seconds.Sort();
        typicalSeconds.Sort();
        return new CrashFigures(
            trials,
            missed,
            typicalSeconds.Count == 0 ? null : Percentile(typicalSeconds, 0.5),
            seconds.Count == 0 ? null : Percentile(seconds, 0.5),
            seconds.Count == 0 ? null : Percentile(seconds, 0.9),
            seconds.Count == 0 ? null : seconds[^1]);
    }

    /// <summary>
    /// A healthy cluster, started cold at t = 0 (start-up counts), for <paramref name="hours"/>. Nobody
    /// crashes, so every conviction is false; they are split by who was convicted and by whom.
    /// </summary>
    public static NoisyHourFigures NoisyHours(DetectorConfiguration configuration, int nodes, double hours, int seed)
    {
        var random = new Random(seed);
        var cluster = new FailureDetectingCluster(nodes, SeedNodes, configuration.Settings, LossProbability, random);
        var staller = nodes - 1;
        var stallerAddress = FailureDetectingCluster.AddressOf(staller);
        var end = (long)(hours * 3600 * 1000);
        var stalls = ScheduleStalls(cluster, staller, end, new Random(seed + 1));

        int ofStaller = 0, byStaller = 0, others = 0, recoveries = 0, warnings = 0;
        double maxPhiOfStaller = 0, maxPhiOthers = 0;
        cluster.Evaluated = (observer, evaluation, elapsedMs) =>
        {
            recoveries += evaluation.Recovered.Count;
            warnings += evaluation.Warning is null ? 0 : 1;
            foreach (var conviction in evaluation.Convictions)
            {
                if (conviction.Endpoint == stallerAddress)
                {
                    ofStaller++;
                }
                else if (observer == staller)
                {
                    byStaller++;
                }
                else
                {
                    others++;
                }
            }

            var detector = cluster.DetectorOf(observer);
            var nowMs = FailureDetectingCluster.StartMs + elapsedMs;
            foreach (var endpoint in detector.Endpoints)
            {
                var phi = detector.Phi(endpoint, nowMs);
                if (endpoint == stallerAddress)
                {
                    maxPhiOfStaller = Math.Max(maxPhiOfStaller, phi);
                }
                else if (observer != staller)
                {
                    maxPhiOthers = Math.Max(maxPhiOthers, phi);
                }
            }
        };

        cluster.RunUntil(end);
        var windows = Enumerable.Range(0, nodes - 1)
            .SelectMany(i => cluster.DetectorOf(i).Snapshot(FailureDetectingCluster.StartMs + end))
            .Where(s => s.Endpoint != stallerAddress)
            .ToList();
        var fullyConverged = Enumerable.Range(0, nodes).Count(i => cluster.CoreOf(i).LiveEndpoints.Count == nodes - 1);
        return new NoisyHourFigures(
            hours,
            stalls,
            ofStaller + byStaller + others,
            ofStaller,
            byStaller,
            others,
            recoveries,
            warnings,
            Math.Round(maxPhiOfStaller, 2),
            Math.Round(maxPhiOthers, 2),
            Math.Round(windows.Average(s => s.MeanIntervalMs)),
            Math.Round(windows.Average(s => s.StandardDeviationMs)),
            fullyConverged,
            new NetworkFigures(cluster.MessagesSent, cluster.MessagesLost, cluster.Latency.Count, Math.Round(cluster.Latency.MeanMs, 2), cluster.Latency.PercentileMs(0.99)));
    }

    /// <summary>4 s stalls every 10 minutes from a random first moment, up to <paramref name="endMs"/>; returns how many.</summary>
    private static int ScheduleStalls(FailureDetectingCluster cluster, int staller, long endMs, Random random)
    {
        var stalls = 0;
        for (var at = (long)(random.NextDouble() * StallPeriodMs); at + StallMs <= endMs; at += StallPeriodMs)
        {
            cluster.Stall(staller, at, StallMs);
            stalls++;
        }

        return stalls;
    }

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>
/// Seconds from the crash: <see cref="MedianSeconds"/>, <see cref="P90Seconds"/> and <see cref="MaxSeconds"/> are
/// over trials of the time until the LAST survivor convicted; <see cref="MedianSurvivorSeconds"/> is the median
/// over trials of the median survivor's time.
/// </summary>
internal sealed record CrashFigures(int Trials, int NotConvictedWithin180s, double? MedianSurvivorSeconds, double? MedianSeconds, double? P90Seconds, double? MaxSeconds);

internal sealed record NetworkFigures(long MessagesSent, long MessagesLost, long LatencySamples, double MeanLatencyMs, double P99LatencyMs);

internal sealed record NoisyHourFigures(
    double Hours,
    int Stalls,
    int FalseConvictions,
    int OfStalledNode,
    int ByStalledNode,
    int AmongOthers,
    int Recoveries,
    int LocalPauseWarnings,
    double MaxPhiOfStalledNode,
    double MaxPhiAmongHealthyNodes,
    double AverageMeanIntervalMs,
    double AverageStandardDeviationMs,
    int NodesSeeingAllOthersUpAtEnd,
    NetworkFigures Network);

internal sealed record FailureDetectorFigures(string Heartbeats, string Model, double Threshold, double AcceptableHeartbeatPauseSeconds, int Fanout, CrashFigures Crash, NoisyHourFigures Noisy);
