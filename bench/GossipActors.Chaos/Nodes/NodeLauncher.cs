using System.Globalization;
using GossipActors.AdminClient;
using GossipActors.Chaos.Network;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.Chaos.Nodes;

/// <summary>
/// Creates nodes (namespace, data directory, admin client) and starts their lives: the node program inside the node's
/// namespace (<c>ip netns exec</c> execs it, so the process id is the node's own and signals reach it), gossiping on
/// 10.78.K.2:7000 with nodes 1 and 2 as seeds, its admin endpoint on 10.78.K.2:7199 for the runner (the token comes
/// from GOSSIP_ADMIN_TOKEN, which the runner sets for its children), its output in the run directory.
/// </summary>
public sealed class NodeLauncher(ChaosNetwork network, GossipNodeCommand command, HttpClient http, string token, string runDirectory, ClusterState state)
{
    public const string ClusterName = "chaos";

    private static readonly string Seeds = string.Join(',', new[] { 1, 2 }.Select(n => $"{ChaosNetwork.AddressOf(n)}:{ChaosNode.GossipPort}"));

    public static bool IsSeed(int index) => index is 1 or 2;

    public ChaosNode Create(int index)
    {
        network.AddNode(index);
        var name = string.Create(CultureInfo.InvariantCulture, $"n{index}");
        var dataDirectory = Path.Combine(runDirectory, name);
        Directory.CreateDirectory(dataDirectory);
        var admin = new AdminApiClient(http, string.Create(CultureInfo.InvariantCulture, $"{ChaosNetwork.AddressOf(index)}:{ChaosNode.AdminPort}"), token);
        var node = new ChaosNode(index, network.NamespaceOf(index), dataDirectory, Path.Combine(runDirectory, name + ".log"), admin);
        state.Nodes[index] = node;
        return node;
    }

    /// <summary>Starts a new life of <paramref name="node"/> with its data directory as the last life left it.</summary>
    public void Start(ChaosNode node, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.Process?.Dispose();
        node.Process = StartProcess(node);
        node.Lives++;
        node.Phase = NodePhase.Running;
        node.StartedAt = now;
        state.Touch(node.Index, now);
    }

    /// <summary>Starts the node program on <paramref name="node"/>'s data directory without making it a life (a start that must be refused).</summary>
    public ChildProcess StartProcess(ChaosNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        List<string> arguments =
        [
            .. NetnsArguments(node),
            "--listen", node.Address,
            "--seeds", Seeds,
            "--admin", $"{node.Ip}:{ChaosNode.AdminPort}",
            "--data-dir", node.DataDirectory,
            "--cluster-name", ClusterName,
        ];
        return ChildProcess.Start("ip", arguments, runDirectory, node.LogPath, onLine: null);
    }

    private List<string> NetnsArguments(ChaosNode node) => ["netns", "exec", node.Namespace, command.Program, .. command.LeadingArguments];
}
