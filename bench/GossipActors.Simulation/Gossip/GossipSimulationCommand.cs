using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GossipActors.Protocol.Codec;

namespace GossipActors.Simulation.Gossip;

/// <summary>Runs K seeded dissemination simulations and reports percentiles over the runs.</summary>
public static class GossipSimulationCommand
{
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (!GossipSimulationOptions.TryParse(args, out var options, out var error))
        {
            errors.WriteLine(error);
            errors.WriteLine(GossipSimulationOptions.Usage);
            return 2;
        }

        var stopwatch = Stopwatch.StartNew();
        var results = new DisseminationResult[options.Runs];
        Parallel.For(0, options.Runs, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism }, run =>
            results[run] = options.Stack == "actors"
                ? Actors.ActorDisseminationRun.Execute(options, unchecked((options.Seed * 7919) + run))
                : DisseminationRun.Execute(options, unchecked((options.Seed * 7919) + run)));
        stopwatch.Stop();

        var report = SimulationReport.From(options, results, stopwatch.Elapsed);
        output.WriteLine(options.Json ? JsonSerializer.Serialize(report, SimulationJsonContext.Default.SimulationReport) : report.ToText());
        if (!options.Json)
        {
            // Process-level cost, so a table row can quote memory and GC share alongside elapsed time.
            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"peak working set: {process.PeakWorkingSet64 / (1024.0 * 1024 * 1024):0.00} GiB, GC pauses {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() / (1024.0 * 1024 * 1024):0.0} GiB"));
        }
        return results.All(result => result.RoundsTo100 is not null) ? 0 : 1;
    }
}

public sealed record Percentiles(double? P50, double? P99);

public sealed record SimulationReport(
    int Nodes,
    int Runs,
    double Loss,
    double LatencyMs,
    int Seed,
    int Fanout,
    string Stack,
    string Start,
    Percentiles RoundsTo50Percent,
    Percentiles RoundsTo99Percent,
    Percentiles RoundsTo100Percent,
    int RunsNotFullyConverged,
    double BytesPerNodePerRound,
    double? StatelessWireBytesPerNodePerRound,
    double? CompactWireBytesPerNodePerRound,
    int WarmUpRounds,
    double ElapsedSeconds)
{
    public static SimulationReport From(GossipSimulationOptions options, IReadOnlyList<DisseminationResult> results, TimeSpan elapsed) => new(
        options.Nodes,
        options.Runs,
        options.Loss,
        options.LatencyMs,
        options.Seed,
        options.Fanout,
        options.Stack,
        "converged",
        Of(results.Select(r => r.RoundsTo50)),
        Of(results.Select(r => r.RoundsTo99)),
        Of(results.Select(r => r.RoundsTo100)),
        results.Count(r => r.RoundsTo100 is null),
        Math.Round(results.Average(r => r.BytesPerNodePerRound), 1),
        MeanOf(results.Select(r => r.StatelessWireBytesPerNodePerRound)),
        MeanOf(results.Select(r => r.CompactWireBytesPerNodePerRound)),
        options.WarmUpRounds,
        Math.Round(elapsed.TotalSeconds, 2));

    /// <summary>The mean over runs, or null when a run did not measure it (the actor stack prices no wire bytes).</summary>
    private static double? MeanOf(IEnumerable<double?> values)
    {
        var list = values.ToList();
        return list.All(v => v is not null) ? Math.Round(list.Average(v => v!.Value), 1) : null;
    }

    /// <summary>Nearest-rank percentiles over runs; a run that never got there counts as infinitely slow.</summary>
    private static Percentiles Of(IEnumerable<int?> values)
    {
        var sorted = values.Select(v => v ?? int.MaxValue).Order().ToArray();
        double? Rank(double p)
        {
            var value = sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
            return value == int.MaxValue ? null : value;
        }

        return new Percentiles(Rank(0.50), Rank(0.99));
    }

    public string ToText()
    {
        static string F(double? v) => v?.ToString("0", CultureInfo.InvariantCulture) ?? "never";
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            string.Create(inv, $"gossip dissemination: {Nodes} nodes, {Runs} runs, loss {Loss}, latency {LatencyMs} ms, seed {Seed}, fanout {Fanout}, stack {Stack}, start: {Start}"),
            string.Create(inv, $"rounds until the new state reached  50%: p50 {F(RoundsTo50Percent.P50)}  p99 {F(RoundsTo50Percent.P99)}"),
            string.Create(inv, $"rounds until the new state reached  99%: p50 {F(RoundsTo99Percent.P50)}  p99 {F(RoundsTo99Percent.P99)}"),
            string.Create(inv, $"rounds until the new state reached 100%: p50 {F(RoundsTo100Percent.P50)}  p99 {F(RoundsTo100Percent.P99)}"),
            string.Create(inv, $"runs that did not reach 100%: {RunsNotFullyConverged}"),
            string.Create(inv, $"bytes sent per node per round (size model): {BytesPerNodePerRound:0.0}"),
            StatelessWireBytesPerNodePerRound is { } stateless && CompactWireBytesPerNodePerRound is { } compact
                ? string.Create(inv, $"gossip bytes per node per round with the real codecs, frame headers included (16 senders sampled, after {WarmUpRounds} warm-up rounds): stateless codec (protocol 3, without Akka's envelope) {stateless:0.0}, compact per connection (protocol {WireFormat.ProtocolVersion}) {compact:0.0}")
                : "gossip bytes with the real codecs: not measured on the actor stack (--stack core measures them)",
            string.Create(inv, $"elapsed: {ElapsedSeconds:0.00} s"));
    }
}
