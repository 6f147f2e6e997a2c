using GossipActors.Integration.Tests.Processes;
using System.Globalization;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// Serf agents (Debian's <c>serf</c>, LAN profile) on loopback: each binds its membership port (TCP and UDP) and an RPC
/// port; nodes 1 and 2 are the join targets. Views come from the agents' own EventMember* log lines, the application
/// state is a tag set with <c>serf tags -set</c> and seen when the observer logs EventMemberUpdate for the setter.
/// </summary>
public sealed class SerfSystem : ISystemUnderTest
{
    private const string Serf = "serf";

    public string Label => "Serf LAN";

    public string DownMeans => "EventMemberFailed (status failed)";

    /// <summary>A Serf agent joins as soon as its ports listen.</summary>
    public Func<string, bool>? ProtocolStartLine => null;

    public string? Unavailable()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, Serf)));
        return onPath ? null : "serf is not installed (apt-get install -y serf)";
    }

    public IClusterUnderTest Launch(int nodes, string workDirectory)
    {
        var ports = FreePorts.Take(2 * nodes);
        var names = new Dictionary<string, string>();
        for (var i = 0; i < nodes; i++)
        {
            names[NodeName(i + 1)] = $"127.0.0.1:{ports[2 * i]}";
        }

        var views = new EventDrivenViews();
        var launched = new List<ClusterNode>();
        var rpc = new Dictionary<ClusterNode, string>();
        for (var i = 0; i < nodes; i++)
        {
            var index = i + 1;
            var directory = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"serf{index}"));
            Directory.CreateDirectory(directory);
            List<string> arguments =
            [
                "agent",
                "-node", NodeName(index),
                "-bind", $"127.0.0.1:{ports[2 * i]}",
                "-rpc-addr", $"127.0.0.1:{ports[(2 * i) + 1]}",
                "-profile", "lan",
                "-log-level", "info",
                "-retry-join", $"127.0.0.1:{ports[0]}",
                // Every agent is launched at once: a join to a seed that is not listening yet is retried after 1 s
                // instead of Serf's 30 s default.
                "-retry-interval", "1s",
            ];
            if (nodes > 1)
            {
                arguments.AddRange(["-retry-join", $"127.0.0.1:{ports[2]}"]);
            }

            var process = ChildProcess.Start(Serf, arguments, directory, directory + ".log", line => Apply(views, names, index, line));
            var node = new ClusterNode(index, $"127.0.0.1:{ports[2 * i]}", ports[2 * i], process);
            launched.Add(node);
            rpc[node] = $"127.0.0.1:{ports[(2 * i) + 1]}";
        }

        return new EventCluster(launched, views, [], appStateUnsupportedReason: null, (node, value, ct) => SetTagAsync(rpc[node], value, ct));
    }

    private static string NodeName(int index) => string.Create(CultureInfo.InvariantCulture, $"n{index}");

    private static void Apply(EventDrivenViews views, Dictionary<string, string> names, int observer, string line)
    {
        if (!SerfLogLine.TryParse(line, out var kind, out var name) || !names.TryGetValue(name, out var member))
        {
            return;
        }

        switch (kind)
        {
            case "Join":
                views.MarkUp(observer, member);
                break;
            case "Failed":
                views.MarkDown(observer, member);
                break;
            case "Leave" or "Reap":
                views.Forget(observer, member);
                break;
            case "Update":
                views.CountUpdate(observer, member);
                break;
        }
    }

    private static async Task SetTagAsync(string rpcAddress, string value, CancellationToken cancellationToken)
    {
        var (code, output) = await ShortCommand.RunAsync(Serf, ["tags", "-rpc-addr", rpcAddress, "-set", $"bench={value}"], cancellationToken: cancellationToken);
        if (code != 0)
        {
            throw new ComparisonException($"'serf tags -rpc-addr {rpcAddress} -set bench={value}' failed ({code}): {output.Trim()}");
        }
    }
}
