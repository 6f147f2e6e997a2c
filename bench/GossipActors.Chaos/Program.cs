using System.Runtime.InteropServices;
using GossipActors.Chaos;
using GossipActors.Chaos.Network;
using GossipActors.ClusterComparison;

// Exit codes: 0 every invariant held, 1 an invariant broke, 2 wrong arguments, 3 the lab cannot be built here (not root,
// no ip/nft: the reason is printed), 4 the run itself failed (not the cluster: publishing the node, a command).
var (options, error) = ChaosOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(ChaosOptions.Usage);
    return 2;
}

if (ChaosNetwork.UnavailableReason() is { } reason)
{
    Console.Error.WriteLine($"cannot build the chaos lab here: {reason}");
    return 3;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The run stops at its next await and removes its nodes and namespaces on the way out.
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

var log = new RunLog(Console.Out);
try
{
    return await new ChaosRun(options, log).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    log.Line("interrupted: nodes killed and the lab removed");
    return 1;
}
catch (Exception ex) when (ex is ComparisonException or InvalidOperationException)
{
    log.Line($"the run failed: {ex.Message}");
    return 4;
}
