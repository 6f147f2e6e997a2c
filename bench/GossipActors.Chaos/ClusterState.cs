using GossipActors.Chaos.Network;
using GossipActors.Chaos.Nodes;

namespace GossipActors.Chaos;

/// <summary>
/// What the runner has done to the cluster, which the checks judge the nodes' views against: the nodes, the network
/// faults in force, and when each node was last touched by a fault (its start or its end).
/// </summary>
public sealed class ClusterState
{
    private readonly Dictionary<int, DateTime> _touched = [];

    public SortedDictionary<int, ChaosNode> Nodes { get; } = [];

    public List<NetworkFault> NetworkFaults { get; } = [];

    /// <summary>Nodes under a process fault now (stopped, killed, frozen, being decommissioned) that the runner will bring back or replace.</summary>
    public HashSet<int> ProcessFaulted { get; } = [];

    public ChaosNode? ByAddress(string address) => Nodes.Values.FirstOrDefault(n => n.Address == address);

    public void Touch(int node, DateTime at) => _touched[node] = at;

    public void Touch(IEnumerable<int> nodes, DateTime at)
    {
        foreach (var node in nodes)
        {
            Touch(node, at);
        }
    }

    public DateTime TouchedAt(int node) => _touched.GetValueOrDefault(node);

    /// <summary>True while loss or delay is applied to the node's link.</summary>
    public bool LinkFaulted(int node) => NetworkFaults.Any(f => f is PacketLoss or LinkDelay && f.Nodes.Contains(node));

    public bool Separated(int a, int b) => NetworkFaults.Any(f => f.Separates(a, b));

    /// <summary>
    /// True when <paramref name="observer"/> should, given time, see <paramref name="target"/> UP: both run (not
    /// frozen), neither link is faulted and no partition separates them.
    /// </summary>
    public bool ShouldSee(int observer, int target) =>
        Nodes[observer].Phase == NodePhase.Running && Nodes[target].Phase == NodePhase.Running &&
        !LinkFaulted(observer) && !LinkFaulted(target) && !Separated(observer, target);

    /// <summary>When the pair was last touched by a fault: the later of the two nodes' times.</summary>
    public DateTime PairTouchedAt(int a, int b) => TouchedAt(a) > TouchedAt(b) ? TouchedAt(a) : TouchedAt(b);
}
