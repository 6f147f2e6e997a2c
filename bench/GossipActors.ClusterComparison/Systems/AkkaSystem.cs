using GossipActors.Integration.Tests.Processes;
using System.Globalization;
using GossipActors.ClusterComparison.AkkaNode;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// A bare Akka.Cluster 1.5.75 node (bench/GossipActors.ClusterComparison.AkkaNode): seed nodes = nodes 1 and 2, no
/// downing provider, DotNetty transport. Its views come from the member events it prints.
/// </summary>
public sealed class AkkaSystem : ISystemUnderTest
{
    public string Label => "Akka.Cluster 1.5.75";

    public string DownMeans => "UnreachableMember in the survivor's view";

    public string? Unavailable() => null;

    /// <summary>The bench node prints its Listening event once ActorSystem.Create returned: remoting and the cluster extension are started and it is joining.</summary>
    public Func<string, bool>? ProtocolStartLine => static line => AkkaNodeEvent.TryParse(line, out var parsed, out _) && parsed!.Kind == AkkaNodeEvent.Listening;

    public IClusterUnderTest Launch(int nodes, string workDirectory)
    {
        var dll = NodePrograms.AkkaNodeDll();
        var dotnet = NodePrograms.DotnetHost();
        var ports = FreePorts.Take(nodes);
        var seeds = nodes == 1 ? $"127.0.0.1:{ports[0]}" : $"127.0.0.1:{ports[0]},127.0.0.1:{ports[1]}";
        var views = new EventDrivenViews();
        var errors = new List<string>();
        var launched = new List<ClusterNode>();
        for (var i = 0; i < nodes; i++)
        {
            var index = i + 1;
            var directory = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"akka{index}"));
            Directory.CreateDirectory(directory);
            var process = ChildProcess.Start(
                dotnet,
                [dll, "--port", ports[i].ToString(CultureInfo.InvariantCulture), "--seeds", seeds],
                directory,
                directory + ".log",
                line => Apply(views, errors, index, line),
                isReadyLine: ProtocolStartLine);
            launched.Add(new ClusterNode(index, $"127.0.0.1:{ports[i]}", ports[i], process));
        }

        return new EventCluster(launched, views, errors, "Akka.Cluster has no per-node application state; the user's equivalent, Akka.DistributedData, is a separate module with its own gossip and is not part of a bare cluster node", setter: null);
    }

    private static void Apply(EventDrivenViews views, List<string> errors, int observer, string line)
    {
        if (!AkkaNodeEvent.TryParse(line, out var parsed, out var error))
        {
            if (error is not null)
            {
                lock (errors)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"akka node {observer}: {error}"));
                }
            }

            return;
        }

        switch (parsed!.Kind)
        {
            case AkkaNodeEvent.Up or AkkaNodeEvent.Reachable:
                views.MarkUp(observer, parsed.Member);
                break;
            case AkkaNodeEvent.Unreachable:
                views.MarkDown(observer, parsed.Member);
                break;
            case AkkaNodeEvent.Removed:
                views.Forget(observer, parsed.Member);
                break;
        }
    }
}
