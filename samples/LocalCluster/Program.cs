using System.CommandLine;
using System.Runtime.InteropServices;
using LocalCluster;

var nodes = new Option<int>("--nodes") { Description = "Number of node processes to start (node 1 is the seed)", DefaultValueFactory = _ => 3 };
var exitWhenConverged = new Option<bool>("--exit-when-converged") { Description = "Exit 0 once every node sees every other UP (non-zero if not within --timeout)" };
var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for convergence (and for --kill-one detection)", DefaultValueFactory = _ => 60 };
var killOne = new Option<bool>("--kill-one") { Description = "After convergence, SIGKILL the last node and time until every survivor sees it DOWN" };
var basePort = new Option<int?>("--base-port") { Description = "Node i gets gossip port P+2(i-1) and admin port P+2(i-1)+1; default: free ports chosen by the OS" };
var nodeDll = new Option<string?>("--node-dll") { Description = $"Path of GossipActors.Node.dll (default: ${NodeLocator.EnvironmentVariable}, then the one built with LocalCluster, then build it)" };
var clusterName = new Option<string>("--cluster-name") { Description = "Cluster name given to every node", DefaultValueFactory = _ => "local" };

nodes.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() is < 1 or > 64)
    {
        r.AddError("--nodes must be between 1 and 64");
    }
});
timeout.Validators.Add(r =>
{
    if (r.GetValueOrDefault<int>() < 1)
    {
        r.AddError("--timeout must be at least 1 second");
    }
});

var root = new RootCommand("Start a local multi-process GossipActors cluster on 127.0.0.1")
{
    nodes, exitWhenConverged, timeout, killOne, basePort, nodeDll, clusterName,
};

root.SetAction(async (parseResult, cancellationToken) =>
{
    var options = new LocalClusterOptions(
        parseResult.GetValue(nodes),
        parseResult.GetValue(exitWhenConverged),
        TimeSpan.FromSeconds(parseResult.GetValue(timeout)),
        parseResult.GetValue(killOne),
        parseResult.GetValue(basePort),
        parseResult.GetValue(nodeDll),
        parseResult.GetValue(clusterName) ?? "local");

    // Ctrl-C and SIGTERM both end the run through the token, so the finally block stops every node.
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    });
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };

    return await new ClusterRun(options, Console.Out, Console.Error).RunAsync(stop.Token);
});

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"LocalCluster: {parsed.Errors[0].Message} (see --help)");
    return 2;
}

// System.CommandLine's own Ctrl-C handling would cancel without letting us stop the nodes first.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
