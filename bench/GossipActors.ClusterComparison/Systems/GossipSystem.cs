using GossipActors.Integration.Tests.Processes;
using System.Globalization;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// GossipActors: the real node process (samples/GossipActors.Node), seeds = nodes 1 and 2, each node's settings given
/// as <c>--set path=value</c> (the failure-detector model, a profile, anything else from the command line).
/// </summary>
public sealed class GossipSystem : ISystemUnderTest
{
    private readonly IReadOnlyList<string> _settings;
    private readonly Func<GossipNodeCommand> _command;

    /// <param name="command">How a node is started, asked at launch (the harness prepares it once, before the first).</param>
    public GossipSystem(string label, IReadOnlyList<string> settings, Func<GossipNodeCommand> command)
    {
        Label = label;
        _settings = settings;
        _command = command;
    }

    public string Label { get; }

    public string DownMeans => "DOWN in /status";

    public string? Unavailable() => null;

    /// <summary>
    /// The node logs "starting gossip node" once its transport, state and actors exist and its shadow round begins; its
    /// membership port listens a second or more earlier, while 16 processes starting at once share 2 cores.
    /// </summary>
    public Func<string, bool>? ProtocolStartLine => static line => line.Contains("starting gossip node", StringComparison.Ordinal);

    public IClusterUnderTest Launch(int nodes, string workDirectory)
    {
        var command = _command();
        var ports = FreePorts.Take(2 * nodes);
        var seeds = nodes == 1 ? $"127.0.0.1:{ports[0]}" : $"127.0.0.1:{ports[0]},127.0.0.1:{ports[2]}";
        var launched = new List<(ClusterNode Node, string Admin)>();
        var membershipTimes = new MembershipLogTimes();
        for (var i = 0; i < nodes; i++)
        {
            var index = i + 1;
            launched.Add(LaunchNode(
                command.Program, command.LeadingArguments, index, ports[2 * i], ports[(2 * i) + 1], seeds, workDirectory, line => membershipTimes.Observe(index, line), withInput: false));
        }

        return new GossipCluster(launched, membershipTimes, onLine =>
        {
            var appPorts = FreePorts.Take(2);
            return LaunchNode(NodePrograms.DotnetHost(), [NodePrograms.GossipAppNodeDll()], nodes + 1, appPorts[0], appPorts[1], seeds, workDirectory, onLine, withInput: true);
        });
    }

    private (ClusterNode Node, string Admin) LaunchNode(
        string program, IReadOnlyList<string> leading, int index, int gossipPort, int adminPort, string seeds, string workDirectory, Action<string> onLine, bool withInput)
    {
        var dataDirectory = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"node{index}"));
        Directory.CreateDirectory(dataDirectory);
        var admin = $"127.0.0.1:{adminPort}";
        List<string> arguments =
        [
            .. leading,
            "--listen", $"127.0.0.1:{gossipPort}",
            "--seeds", seeds,
            "--admin", admin,
            "--data-dir", dataDirectory,
            "--cluster-name", "bench",
        ];
        foreach (var setting in _settings)
        {
            arguments.Add("--set");
            arguments.Add(setting);
        }

        var process = ChildProcess.Start(program, arguments, dataDirectory, dataDirectory + ".log", onLine, withInput, ProtocolStartLine);
        return (new ClusterNode(index, $"127.0.0.1:{gossipPort}", gossipPort, process), admin);
    }
}
