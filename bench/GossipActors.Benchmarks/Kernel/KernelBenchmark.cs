using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace GossipActors.Benchmarks.Kernel;

/// <summary>
/// <c>dotnet run -c Release --project bench/GossipActors.Benchmarks -- kernel [--reps N] [--scale F] [--only a,b,c,d,channel]</c>:
/// each scenario runs once to warm up, then N (default 5) measured times; prints median and min–max.
/// </summary>
internal static class KernelBenchmark
{
    private const int TellMessages = 10_000_000;
    private const int PingPongRoundTrips = 2_000_000;
    private const int FanOutActors = 1_000;
    private const int FanOutMessagesPerActor = 10_000;
    private const int Children = 100_000;

    public static int Run(string[] args)
    {
        var reps = 5;
        var scale = 1.0;
        var only = new HashSet<string>(["a", "b", "c", "d", "channel"], StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--reps" when i + 1 < args.Length:
                    reps = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--scale" when i + 1 < args.Length:
                    scale = double.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--only" when i + 1 < args.Length:
                    only = new HashSet<string>(args[++i].Split(','), StringComparer.Ordinal);
                    break;
                default:
                    Console.Error.WriteLine(
                        $"kernel: unknown option '{args[i]}'; options: --reps N (default 5), --scale F (workload factor, default 1), --only a,b,c,d,channel");
                    return 2;
            }
        }

        int Scaled(int n) => Math.Max(1, (int)(n * scale));

        Console.WriteLine($"GossipActors kernel benchmark: .NET {Environment.Version}, {RuntimeInformation.OSDescription.Trim()}, " +
                          $"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
                          $"warm-up + {reps} measured runs each");
        Console.WriteLine();

        var rows = new List<string[]>
        {
            new[] { "scenario", "median", "min – max", "Akka.NET 1.5.27 target" },
        };

        if (only.Contains("a"))
        {
            rows.Add(Rate(
                $"(a) 1 sender tells {Scaled(TellMessages):N0} msgs to 1 actor",
                reps,
                () => Scenarios.TellToOneActor(Scaled(TellMessages)),
                "M msgs/s",
                1e6,
                "12.3 M msgs/s"));
        }

        if (only.Contains("channel"))
        {
            rows.Add(Rate(
                "    baseline: (a) through a bare Channel<T>",
                reps,
                () => Scenarios.ChannelBaseline(Scaled(TellMessages)),
                "M msgs/s",
                1e6,
                "-"));
        }

        if (only.Contains("b"))
        {
            rows.Add(Rate(
                $"(b) ping-pong {Scaled(PingPongRoundTrips):N0} round trips",
                reps,
                () => Scenarios.PingPong(Scaled(PingPongRoundTrips)),
                "M round trips/s",
                1e6,
                "1.5 M round trips/s"));
        }

        if (only.Contains("c"))
        {
            rows.Add(Rate(
                $"(c) {FanOutActors:N0} actors x {Scaled(FanOutMessagesPerActor):N0} msgs round-robin",
                reps,
                () => Scenarios.FanOut(FanOutActors, Scaled(FanOutMessagesPerActor)),
                "M msgs/s",
                1e6,
                "10–13.6 M msgs/s"));
        }

        if (only.Contains("d"))
        {
            var managed = new List<double>();
            var workingSets = new List<double>();
            rows.Add(Rate(
                $"(d) create + stop {Scaled(Children):N0} children of 1 parent",
                reps,
                () =>
                {
                    var (sample, managedPerActor, workingSet) = Scenarios.CreateAndStopChildren(Scaled(Children));
                    managed.Add(managedPerActor);
                    workingSets.Add(workingSet / (1024.0 * 1024));
                    return sample;
                },
                "k actors/s",
                1e3,
                "33 k actors/s"));

            // The first entry belongs to the warm-up run.
            var managedSummary = Summary.Of(managed.Skip(1).ToList());
            var workingSetSummary = Summary.Of(workingSets.Skip(1).ToList());
            rows.Add(new[]
            {
                "    managed heap per idle child",
                $"{managedSummary.Median:N0} B",
                $"{managedSummary.Min:N0} – {managedSummary.Max:N0}",
                "~2.5 KB per idle actor",
            });
            rows.Add(new[]
            {
                $"    process working set, {Scaled(Children):N0} idle children",
                $"{workingSetSummary.Median:N0} MiB",
                $"{workingSetSummary.Min:N0} – {workingSetSummary.Max:N0}",
                "-",
            });
        }

        Print(rows);
        Console.WriteLine();
        Console.WriteLine($"peak working set of the process: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024):N0} MiB");
        return 0;
    }

    private static string[] Rate(string name, int reps, Func<Sample> run, string unit, double divisor, string target)
    {
        Console.Error.Write($"{name.Trim()}: warm-up");
        run();
        var rates = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            Scenarios.ForceFullCollection();
            var sample = run();
            rates.Add(sample.PerSecond / divisor);
            Console.Error.Write($" {rates[^1]:0.00}");
        }

        Console.Error.WriteLine();
        var summary = Summary.Of(rates);
        return new[]
        {
            name,
            $"{summary.Median:0.00} {unit}",
            $"{summary.Min:0.00} – {summary.Max:0.00}",
            target,
        };
    }

    private static void Print(List<string[]> rows)
    {
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        for (var r = 0; r < rows.Count; r++)
        {
            Console.WriteLine("| " + string.Join(" | ", rows[r].Select((cell, c) => cell.PadRight(widths[c]))) + " |");
            if (r == 0)
            {
                Console.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            }
        }
    }
}
