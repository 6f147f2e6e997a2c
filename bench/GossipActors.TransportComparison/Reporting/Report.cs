using System.Globalization;
using GossipActors.TransportComparison.Measurement;
using GossipActors.TransportComparison.Transports;

namespace GossipActors.TransportComparison.Reporting;

/// <summary>
/// Prints each transport's figures as soon as its run ends (so a later failure loses nothing), then one markdown
/// table with a column per transport, ready to paste into docs/performance.md.
/// </summary>
public sealed class Report(TextWriter output)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public void Header(BenchOptions options)
    {
        Line($"machine: {MachineInfo.Describe()}");
        Line($"load average at start: {MachineInfo.LoadAverage()}");
        var stream = options.LargeOutstanding > 0
            ? $"{options.LargeBytes:N0}-byte messages streaming A->B with {options.LargeOutstanding} in flight"
            : "no large stream";
        Line($"workload: {options.SmallBytes:N0}-byte messages A->B->A with {options.SmallOutstanding} in flight; {stream}; warm-up {options.WarmUp.TotalSeconds:N0} s, window {options.Duration.TotalSeconds:N0} s");
        output.WriteLine();
    }

    public void Run(TransportOutcome outcome)
    {
        var name = TransportConfig.Name(outcome.Kind);
        if (outcome.Figures is not { } f)
        {
            Line($"[{name}] FAILED: {outcome.Error}");
            output.WriteLine();
            return;
        }

        Line($"[{name}] B at {f.AddressOfB}, window {f.WindowSeconds:N1} s");
        Line($"[{name}] small: {f.SmallPerSecond:N0} msgs/s; one-way {Latency(f.SmallOneWay)} µs; round trip {Latency(f.SmallRoundTrip)} µs (p50 / p99 / max)");
        Line($"[{name}] large: {f.LargePerSecond:N0} msgs/s, {f.LargeMiBPerSecond:N1} MB/s");
        var r = f.Resources;
        Line($"[{name}] process: {r.CoresBusy:N2} cores busy, {r.AllocatedMiBPerSecond:N0} MB/s allocated, GCs gen0/1/2 {r.Gen0}/{r.Gen1}/{r.Gen2}");
        Line($"load average after: {MachineInfo.LoadAverage()}");
        output.WriteLine();
    }

    public void Table(IReadOnlyList<TransportOutcome> outcomes)
    {
        output.WriteLine("| figure | " + string.Join(" | ", outcomes.Select(o => TransportConfig.Name(o.Kind))) + " |");
        output.WriteLine("|---|" + string.Concat(outcomes.Select(_ => "---|")));
        Row("small msgs/s", outcomes, f => Format($"{f.SmallPerSecond:N0}"));
        Row("small one-way p50 / p99 / max (µs)", outcomes, f => Latency(f.SmallOneWay));
        Row("small round trip p50 / p99 / max (µs)", outcomes, f => Latency(f.SmallRoundTrip));
        Row("large msgs/s", outcomes, f => Format($"{f.LargePerSecond:N0}"));
        Row("large MB/s", outcomes, f => Format($"{f.LargeMiBPerSecond:N1}"));
        Row("cores busy (of the machine's)", outcomes, f => Format($"{f.Resources.CoresBusy:N2}"));
        Row("allocated MB/s", outcomes, f => Format($"{f.Resources.AllocatedMiBPerSecond:N0}"));
        Row("GCs gen0 / gen1 / gen2", outcomes, f => $"{f.Resources.Gen0} / {f.Resources.Gen1} / {f.Resources.Gen2}");
    }

    private void Row(string label, IReadOnlyList<TransportOutcome> outcomes, Func<TransportFigures, string> cell) =>
        output.WriteLine($"| {label} | " + string.Join(" | ", outcomes.Select(o => o.Figures is { } f ? cell(f) : "not measured")) + " |");

    private static string Latency(LatencySummary s) => Format($"{s.P50:N0} / {s.P99:N0} / {s.Max:N0}");

    private static string Format(FormattableString text) => text.ToString(Invariant);

    private void Line(FormattableString text) => output.WriteLine(text.ToString(Invariant));
}
