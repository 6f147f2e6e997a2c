using System.CommandLine;
using System.Globalization;
using GossipActors.ClusterComparison;
using GossipActors.ClusterComparison.Measurement;
using GossipActors.ClusterComparison.Reporting;
using GossipActors.ClusterComparison.Systems;

var nodes = new Option<string>("--nodes") { Description = "Cluster sizes, comma-separated (e.g. 8,16,32)", DefaultValueFactory = _ => "8" };
var systems = new Option<string>("--systems")
{
    Description = $"Systems to compare, comma-separated, in this order: {string.Join(", ", SystemCatalog.Names)}",
    DefaultValueFactory = _ => "gossip,akka,serf",
};
var profile = new Option<string>("--profile")
{
    Description = $"GossipActors settings profile: default, or fast ({SystemCatalog.FastProfileSetting})",
    DefaultValueFactory = _ => "default",
};
profile.AcceptOnlyFromAmong("default", "fast");
var settings = new Option<string[]>("--set")
{
    Description = "path=value passed to every GossipActors node (repeatable), e.g. gossip.failure-detector.model=normal",
    DefaultValueFactory = _ => [],
    AllowMultipleArgumentsPerToken = false,
};
var idle = new Option<int>("--idle") { Description = "Seconds of the idle window (d)", DefaultValueFactory = _ => 30 };
var settle = new Option<int>("--settle") { Description = "Seconds between convergence and the idle window", DefaultValueFactory = _ => 10 };
var sets = new Option<int>("--sets") { Description = "Application-state sets timed for (e)", DefaultValueFactory = _ => 5 };
var pollMs = new Option<int>("--poll-ms") { Description = "How often views are read (the resolution of the timings)", DefaultValueFactory = _ => 100 };
var timeout = new Option<int>("--timeout") { Description = "Seconds each phase may take before the system's remaining phases are given up", DefaultValueFactory = _ => 120 };
var nodeLaunch = new Option<string>("--node-launch")
{
    Description = "How GossipActors nodes start: published (README's way: dotnet publish, one native executable), readytorun (dotnet publish -p:PublishAot=false: ReadyToRun code and an apphost) or dll (dotnet GossipActors.Node.dll, JIT at start)",
    DefaultValueFactory = _ => GossipNodeCommand.Published,
};
nodeLaunch.AcceptOnlyFromAmong([.. GossipNodeCommand.Launches]);
var kills = new Option<int>("--kills")
{
    Description = "Nodes killed one after the other in (c) (at most N - 2: the seeds survive), each after a random delay of up to 1 s; (c) is the median",
    DefaultValueFactory = _ => 1,
};
var seed = new Option<int?>("--seed") { Description = "Seeds the random delay before each kill (default: drawn, and printed so a run can be repeated)" };
var workDir = new Option<string?>("--work-dir") { Description = "Where node data and logs go (default: a new directory under the temp directory)" };
var pauseRun = new Option<bool>("--pause-run")
{
    Description = "Instead of (c)-(e): after convergence, SIGSTOP the last node for --pause-seconds every --pause-every seconds for "
        + "--pause-minutes, and count every conviction logged by any node (GossipActors systems only; exit 1 if any)",
};
var pauseMinutes = new Option<double>("--pause-minutes") { Description = "Length of the pause run from convergence", DefaultValueFactory = _ => 10 };
var pauseEvery = new Option<double>("--pause-every") { Description = "Seconds between two stops of the pause run", DefaultValueFactory = _ => 120 };
var pauseSeconds = new Option<double>("--pause-seconds") { Description = "Seconds each stop lasts", DefaultValueFactory = _ => 4 };

var root = new RootCommand(
    "Starts N node processes of GossipActors, a bare Akka.Cluster and Serf on 127.0.0.1, one system after the other, and "
    + "measures (a) launch → all see N up, (b) last process up → all see N up, (c) kill -9 → down, (d) idle RSS, CPU and "
    + "bytes/s per node, (e) application state → seen by all")
{
    nodes, systems, profile, settings, idle, settle, sets, pollMs, timeout, nodeLaunch, kills, seed, workDir, pauseRun, pauseMinutes, pauseEvery, pauseSeconds,
};

root.SetAction(async (parseResult, cancellationToken) =>
{
    var options = new RunOptions(
        ParseSizes(parseResult.GetValue(nodes)!),
        ParseSystems(parseResult.GetValue(systems)!),
        [.. parseResult.GetValue(profile) == "fast" ? [SystemCatalog.FastProfileSetting] : Array.Empty<string>(), .. parseResult.GetValue(settings) ?? []],
        parseResult.GetValue(profile)!,
        TimeSpan.FromSeconds(parseResult.GetValue(settle)),
        TimeSpan.FromSeconds(parseResult.GetValue(idle)),
        parseResult.GetValue(sets),
        TimeSpan.FromMilliseconds(parseResult.GetValue(pollMs)),
        TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
        parseResult.GetValue(workDir) ?? Path.Combine(
            Path.GetTempPath(),
            string.Create(CultureInfo.InvariantCulture, $"gossipactors-cluster-comparison-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}")),
        parseResult.GetValue(nodeLaunch)!,
        parseResult.GetValue(kills),
        parseResult.GetValue(seed) ?? Random.Shared.Next());
    if (options.Kills < 1 || options.NodeCounts.Any(n => n > 1 && options.Kills > KillPlan.MostKills(n)))
    {
        await Console.Error.WriteLineAsync($"--kills {options.Kills}: must be at least 1 and at most N - 2 for every size (the seeds survive)");
        return 2;
    }

    var output = Console.Out;
    await output.WriteLineAsync($"machine:      {MachineInfo.Describe()}");
    await output.WriteLineAsync($"load average: {MachineInfo.LoadAverage()} (1, 5, 15 min) at {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    await output.WriteLineAsync($"command:      {string.Join(' ', args)}");
    await output.WriteLineAsync($"gossip --set: {(options.GossipSettings.Count == 0 ? "(none)" : string.Join(' ', options.GossipSettings))}");
    await output.WriteLineAsync($"work dir:     {options.WorkDirectory}");
    await output.WriteLineAsync($"kills:        {options.Kills} per system and size, each after a random delay of up to {KillPlan.MaximumDelay.TotalSeconds:0} s (--seed {options.Seed})");

    // Prepared before any system starts, so publishing the node is not inside a measurement.
    GossipNodeCommand? gossipNode = null;
    if (options.Systems.Any(s => s is SystemCatalog.Gossip or SystemCatalog.GossipNormal or SystemCatalog.GossipCassandra))
    {
        gossipNode = await GossipNodeCommand.PrepareAsync(options.NodeLaunch, output, cancellationToken);
    }

    if (parseResult.GetValue(pauseRun))
    {
        var pause = new PauseOptions(
            TimeSpan.FromMinutes(parseResult.GetValue(pauseMinutes)),
            TimeSpan.FromSeconds(parseResult.GetValue(pauseEvery)),
            TimeSpan.FromSeconds(parseResult.GetValue(pauseSeconds)));
        _ = PauseSchedule.Stops(pause.Duration, pause.Period, pause.Pause);
        var pauses = new List<PauseResult>();
        foreach (var size in options.NodeCounts)
        {
            foreach (var name in options.Systems)
            {
                pauses.Add(await new SystemRun(SystemCatalog.Create(name, options, () => gossipNode!), size, options, output).RunPauseAsync(pause, cancellationToken));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(PauseTable.Render(pauses));
        foreach (var note in pauses.SelectMany(p => p.Notes.Select(n => $"{p.Label}, N={p.Nodes}: note: {n}")))
        {
            await output.WriteLineAsync(note);
        }

        await output.WriteLineAsync($"load average at the end: {MachineInfo.LoadAverage()}");
        // Exit 1 when anyone was convicted, or a run did not get through.
        return pauses.TrueForAll(p => p.Skipped is not null || p.Clean) ? 0 : 1;
    }

    var results = new List<SystemResult>();
    foreach (var size in options.NodeCounts)
    {
        foreach (var name in options.Systems)
        {
            var system = SystemCatalog.Create(name, options, () => gossipNode!);
            results.Add(await new SystemRun(system, size, options, output).RunAsync(cancellationToken));
        }
    }

    await output.WriteLineAsync();
    await output.WriteLineAsync(ResultTable.Render(results));
    foreach (var result in results.Where(r => r.Skipped is null))
    {
        await output.WriteLineAsync($"{result.Label}, N={result.Nodes}: down means {result.DownMeans}");
        foreach (var note in result.Notes)
        {
            await output.WriteLineAsync($"  note: {note}");
        }
    }

    await output.WriteLineAsync($"load average at the end: {MachineInfo.LoadAverage()}");
    // Exit 1 when a system that ran did not converge or did not see the killed node down everywhere.
    return results.TrueForAll(r => r.Skipped is not null || (r.LaunchToAllUp is not null && r.DownEvery is not null)) ? 0 : 1;
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"ClusterComparison: {parsed.Errors[0].Message} (see --help)");
    return 2;
}

try
{
    return await parsed.InvokeAsync();
}
catch (ArgumentException wrong)
{
    Console.Error.WriteLine($"ClusterComparison: {wrong.Message}");
    return 2;
}

static IReadOnlyList<int> ParseSizes(string text) =>
    [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 2 and <= 200
            ? n
            : throw new ArgumentException($"--nodes '{s}' is not a whole number from 2 to 200"))];

static IReadOnlyList<string> ParseSystems(string text) =>
    [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
        SystemCatalog.Names.Contains(s) ? s : throw new ArgumentException($"--systems: unknown system '{s}' (expected some of {string.Join(", ", SystemCatalog.Names)})"))];
