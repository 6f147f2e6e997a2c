using System.CommandLine;
using GossipActors.TransportComparison;
using GossipActors.TransportComparison.Reporting;
using GossipActors.TransportComparison.Transports;

var transport = new Option<string>("--transport")
{
    Description = "dotnetty, gtcp, or both (one after the other in this process, so the figures share one run)",
    DefaultValueFactory = _ => "dotnetty",
};
transport.AcceptOnlyFromAmong("dotnetty", "gtcp", "both");
var seconds = new Option<int>("--seconds") { Description = "Length of the measured window", DefaultValueFactory = _ => 10 };
var warmUp = new Option<int>("--warmup") { Description = "Seconds of traffic before the window opens", DefaultValueFactory = _ => 3 };
var smallBytes = new Option<int>("--small-bytes") { Description = "Size of the latency-measured messages", DefaultValueFactory = _ => 200 };
var largeBytes = new Option<int>("--large-bytes") { Description = "Size of the streamed messages (37 KB)", DefaultValueFactory = _ => 37 * 1024 };
var smallOutstanding = new Option<int>("--small-outstanding") { Description = "Small messages in flight at once", DefaultValueFactory = _ => 8 };
var largeOutstanding = new Option<int>("--large-outstanding") { Description = "Large messages in flight at once (0: no stream)", DefaultValueFactory = _ => 4 };
var overrides = new Option<string?>("--hocon") { Description = "Extra HOCON applied to both systems, e.g. \"akka.remote.dot-netty.tcp.batching.enabled = false\"" };

AtLeast(seconds, 1);
AtLeast(warmUp, 0);
// The small message carries its send time in its first 8 bytes.
AtLeast(smallBytes, 8);
AtLeast(largeBytes, 1);
AtLeast(smallOutstanding, 1);
AtLeast(largeOutstanding, 0);

var root = new RootCommand(
    "Messages/s and latency of small messages while large messages stream, between two Akka.NET systems on 127.0.0.1, "
    + "over Akka.Remote's DotNetty transport or our gtcp driver")
{
    transport, seconds, warmUp, smallBytes, largeBytes, smallOutstanding, largeOutstanding, overrides,
};

root.SetAction(async (parseResult, cancellationToken) =>
{
    var options = new BenchOptions(
        parseResult.GetValue(transport) switch
        {
            "gtcp" => [TransportKind.Gtcp],
            "both" => [TransportKind.DotNetty, TransportKind.Gtcp],
            _ => [TransportKind.DotNetty],
        },
        TimeSpan.FromSeconds(parseResult.GetValue(warmUp)),
        TimeSpan.FromSeconds(parseResult.GetValue(seconds)),
        parseResult.GetValue(smallBytes),
        parseResult.GetValue(largeBytes),
        parseResult.GetValue(smallOutstanding),
        parseResult.GetValue(largeOutstanding),
        parseResult.GetValue(overrides));

    var report = new Report(Console.Out);
    report.Header(options);
    var outcomes = new List<TransportOutcome>();
    foreach (var kind in options.Transports)
    {
        var outcome = await ComparisonRun.RunAsync(kind, options, cancellationToken);
        report.Run(outcome);
        outcomes.Add(outcome);
    }

    report.Table(outcomes);
    return outcomes.TrueForAll(o => o.Figures is not null) ? 0 : 1;
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"TransportComparison: {parsed.Errors[0].Message} (see --help)");
    return 2;
}

return await parsed.InvokeAsync();

static void AtLeast(Option<int> option, int minimum) => option.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() < minimum)
    {
        result.AddError($"{option.Name} must be at least {minimum}");
    }
});
