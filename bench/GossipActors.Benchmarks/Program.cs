using GossipActors.Benchmarks.Kernel;

// Dispatches on the first argument to one benchmark suite; each suite parses the rest itself.
var suite = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Length > 1 ? args[1..] : [];
switch (suite)
{
    case "kernel":
        return KernelBenchmark.Run(rest);
    case "hocon":
        return GossipActors.Benchmarks.Hocon.HoconBenchmark.Run(rest);
    case "remote":
        return await GossipActors.Benchmarks.Remote.RemoteBenchmark.RunAsync(rest);
    default:
        Console.Error.WriteLine($"usage: GossipActors.Benchmarks <suite> [options]; suites: kernel (got '{suite}')");
        return 2;
}
