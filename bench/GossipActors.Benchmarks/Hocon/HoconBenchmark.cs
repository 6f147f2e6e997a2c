using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using GossipActors.Hocon;

namespace GossipActors.Benchmarks.Hocon;

/// <summary>
/// <c>dotnet run -c Release --project bench/GossipActors.Benchmarks -- hocon [--reps N] [--iterations K]</c>:
/// parses and resolves hocon/reference.conf K times (default 1,000) per run; two warm-up runs, then N (default 5)
/// measured runs; prints median and min–max of the batch time, time per parse and bytes allocated per parse.
/// </summary>
internal static class HoconBenchmark
{
    public static int Run(string[] args)
    {
        var reps = 5;
        var iterations = 1_000;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps" when i + 1 < args.Length:
                    reps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--iterations" when i + 1 < args.Length:
                    iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine($"hocon: unknown option '{args[i]}'; options: --reps N (default 5), --iterations K (default 1000)");
                    return 2;
            }
        }

        var reference = HoconConfig.ReferenceText;
        var options = new HoconParseOptions { UseEnvironmentVariables = false };
        var referenceFile = Path.Combine(Path.GetTempPath(), $"gossipactors-bench-{Environment.ProcessId}.conf");
        File.WriteAllText(referenceFile, reference);
        const string UserText = """
            gossip { seeds = ["10.0.0.1:7000", "10.0.0.2:7000"], dc = eu-west }
            remote { hostname = "10.0.0.3", mtu = 1422 }
            gossip.failure-detector.phi-convict-threshold = 10
            """;

        Console.WriteLine($"GossipActors HOCON benchmark: .NET {Environment.Version}, {RuntimeInformation.OSDescription.Trim()}, " +
                          $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC; " +
                          $"reference.conf is {reference.Length:N0} characters, {reference.Split('\n').Length:N0} lines; " +
                          $"2 warm-up + {reps} measured runs of {iterations:N0} iterations");
        Console.WriteLine();

        var rows = new List<string[]> { new[] { "workload", $"{iterations:N0} iterations, median", "min – max", "per iteration", "allocated per iteration" } };
        try
        {
            rows.Add(Measure("parse + resolve reference.conf (string)", reps, iterations,
                () => HoconConfig.ParseString(reference, "reference.conf", options)));
            rows.Add(Measure("parse + resolve reference.conf (file)", reps, iterations,
                () => HoconConfig.ParseFile(referenceFile, options)));
            rows.Add(Measure("user file over reference + 3 typed reads", reps, iterations, () =>
            {
                var user = HoconConfig.ParseString(UserText, "node.conf", options with { Resolve = false });
                var config = HoconConfig.LoadWithDefaults(user);
                return (config.GetInt("remote.mtu") + config.GetDuration("gossip.interval").Ticks + config.GetStringList("gossip.seeds").Count, config);
            }));
        }
        finally
        {
            File.Delete(referenceFile);
        }

        Print(rows);
        return 0;
    }

    private static string[] Measure<T>(string name, int reps, int iterations, Func<T> work)
    {
        var times = new List<double>();
        var allocations = new List<double>();
        const int WarmUps = 2;
        for (var rep = 1 - WarmUps; rep <= reps; rep++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                GC.KeepAlive(work());
            }

            clock.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            if (rep <= 0)
            {
                continue;
            }

            times.Add(clock.Elapsed.TotalMilliseconds);
            allocations.Add((double)allocated / iterations);
        }

        times.Sort();
        allocations.Sort();
        var median = times[times.Count / 2];
        return
        [
            name,
            $"{median:F1} ms",
            $"{times[0]:F1} – {times[^1]:F1} ms",
            $"{median * 1000 / iterations:F1} µs",
            $"{allocations[allocations.Count / 2] / 1024:F1} KiB",
        ];
    }

    private static void Print(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine("| " + string.Join(" | ", row.Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (ReferenceEquals(row, rows[0]))
            {
                Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            }
        }
    }
}
