using GossipActors.Benchmarks.Hocon;
using GossipActors.Benchmarks.Remote;

// Dispatches on the first argument to one benchmark suite; each suite parses the rest itself.
var suite = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Length > 1 ? args[1..] : [];
switch (suite)
{
    case "hocon":
        return HoconBenchmark.Run(rest);
    case "remote":
        return await RemoteBenchmark.RunAsync(rest);
    default:
        Console.Error.WriteLine($"usage: GossipActors.Benchmarks <suite> [options]; suites: hocon, remote (got '{suite}')");
        return 2;
}
