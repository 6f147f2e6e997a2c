using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Simulation.FailureDetection;

/// <summary>The two experiments of issue 5 item 7, for one model and threshold.</summary>
internal static class FailureDetectorScenarios
{
    public const int SeedNodes = 2;
    public const double LossProbability = 0.01;
    public const long WarmUpMicros = 120_000_000;
    public const long CrashDeadlineMicros = 180_000_000;
    public const long StallMicros = 4_000_000;
    public const long StallPeriodMicros = 600_000_000;

    /// <summary>
    /// Crash one random node after a 2-minute warm-up and measure how long until every survivor's
    /// detector has it down. Same network, no stalls. Each trial uses its own seed; the model and
    /// threshold under test see the same seeds, so configurations are compared on the same luck.
    /// </summary>
    public static CrashFigures CrashDetection(PhiModelKind model, double threshold, int nodes, int trials, int seed)
    {
        var seconds = new List<double>();
        var missed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var random = new Random(unchecked((seed * 7919) + trial));
            var cluster = new HeartbeatGossipCluster(nodes, SeedNodes, Settings(model, threshold), new NetworkModel(LossProbability), random);
            var victim = random.Next(nodes);
            var crashAt = WarmUpMicros + (long)(random.NextDouble() * HeartbeatGossipCluster.RoundMicros);
            var victimAddress = HeartbeatGossipCluster.AddressOf(victim);
            var convictedAtMs = new long?[nodes];
            cluster.Evaluated = (observer, _, nowMs) =>
            {
                if (observer != victim && convictedAtMs[observer] is null && nowMs * 1000 >= crashAt
                    && cluster.DetectorOf(observer).IsDown(victimAddress))
                {
                    convictedAtMs[observer] = nowMs;
                }
            };

            cluster.RunUntil(crashAt);
            cluster.Crash(victim);
            var deadline = crashAt + CrashDeadlineMicros;
            while (cluster.NowMicros < deadline && Enumerable.Range(0, nodes).Any(i => i != victim && convictedAtMs[i] is null))
            {
                cluster.RunUntil(cluster.NowMicros + HeartbeatGossipCluster.RoundMicros);
            }

            var survivors = Enumerable.Range(0, nodes).Where(i => i != victim).Select(i => convictedAtMs[i]).ToList();
            if (survivors.Any(t => t is null))
            {
                missed++;
                continue;
            }

            seconds.Add(((survivors.Max(t => t!.Value) * 1000) - crashAt) / 1_000_000.0);
        }

        seconds.Sort();
        return new CrashFigures(
            trials,
            missed,
            seconds.Count == 0 ? null : Percentile(seconds, 0.5),
            seconds.Count == 0 ? null : Percentile(seconds, 0.9),
            seconds.Count == 0 ? null : seconds[^1]);
    }

    /// <summary>
    /// A cluster of healthy nodes for <paramref name="hours"/>, 1 % loss, the jittery latency, and
    /// the last node (not a seed) stalling 4 s every 10 minutes from a random first moment. Every
    /// conviction is false; they are split by who was convicted and by whom.
    /// </summary>
    public static NoisyHourFigures NoisyHours(PhiModelKind model, double threshold, int nodes, double hours, int seed)
    {
        var random = new Random(seed);
        var network = new NetworkModel(LossProbability);
        var cluster = new HeartbeatGossipCluster(nodes, SeedNodes, Settings(model, threshold), network, random);
        var staller = nodes - 1;
        var stallerAddress = HeartbeatGossipCluster.AddressOf(staller);
        var end = (long)(hours * 3600 * 1_000_000);
        var stalls = 0;
        for (var at = (long)(new Random(seed + 1).NextDouble() * StallPeriodMicros); at + StallMicros <= end; at += StallPeriodMicros)
        {
            cluster.Stall(staller, at, StallMicros);
            stalls++;
        }

        int ofStaller = 0, byStaller = 0, others = 0, recoveries = 0, warnings = 0;
        double maxPhiOfStaller = 0, maxPhiOthers = 0;
        cluster.Evaluated = (observer, evaluation, nowMs) =>
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
            .SelectMany(i => cluster.DetectorOf(i).Snapshot(end / 1000))
            .Where(s => s.Endpoint != stallerAddress)
            .ToList();
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
            new NetworkFigures(cluster.Messages.Sent, cluster.Messages.Lost, Math.Round(cluster.Messages.MeanLatencyMs, 2), cluster.Messages.PercentileMs(0.99)));
    }

    private static FailureDetectorSettings Settings(PhiModelKind model, double threshold) =>
        FailureDetectorSettings.Default with { Model = model, PhiConvictThreshold = threshold };

    private static double Percentile(List<double> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}

internal sealed record CrashFigures(int Trials, int NotConvictedWithin180s, double? MedianSeconds, double? P90Seconds, double? MaxSeconds);

internal sealed record NetworkFigures(long MessagesSent, long MessagesLost, double MeanLatencyMs, double P99LatencyMs);

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
    NetworkFigures Network);

internal sealed record FailureDetectorFigures(string Model, double Threshold, CrashFigures Crash, NoisyHourFigures Noisy);
