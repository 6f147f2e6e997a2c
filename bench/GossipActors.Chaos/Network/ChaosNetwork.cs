using System.Globalization;
using GossipActors.Integration.Tests.Netns;

namespace GossipActors.Chaos.Network;

/// <summary>
/// The lab: one namespace per node (10.78.K.2, K = node index), each linked by a veth pair to a router namespace that
/// forwards between them and applies the faults (<see cref="NftRules"/>), plus one management link from the runner's
/// namespace to the router (10.78.0.1 ↔ 10.78.0.2) over which the runner reads every node's admin endpoint. Names carry
/// the prefix "gachaos-" and the runner's process id; Dispose removes every namespace (their veths go with them), and
/// <see cref="RemoveStale"/> clears what a killed run left.
/// </summary>
public sealed class ChaosNetwork : IDisposable
{
    public const string Prefix = "gachaos-";
    public const string NodeRange = "10.78.1.0-10.78.255.255";
    private const string RunnerAddress = "10.78.0.1";
    private const string RouterManagementAddress = "10.78.0.2";

    private readonly string _id;
    private readonly string _vethStem;
    private readonly List<string> _namespaces = [];
    private readonly Lock _rulesLock = new();
    private bool _managementRoute;

    private ChaosNetwork(string id)
    {
        _id = id;
        Router = $"{Prefix}{id}-r";
        // veth names may have 15 characters: "gc" + pid (at most 7 digits) + a letter + a node index.
        _vethStem = "gc" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }

    public string Router { get; }

    /// <summary>Null when the lab can be built here; otherwise why not.</summary>
    public static string? UnavailableReason() => NetnsHost.UnavailableReason(Prefix);

    public static IReadOnlyList<string> RemoveStale() => NetnsHost.RemoveStale(Prefix);

    public static string AddressOf(int node) => string.Create(CultureInfo.InvariantCulture, $"10.78.{node}.2");

    public static string NamespaceOf(string id, int node) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{id}-n{node}");

    public string NamespaceOf(int node) => NamespaceOf(_id, node);

    public static ChaosNetwork Create()
    {
        var network = new ChaosNetwork(NetnsHost.NewLabId());
        try
        {
            network.BuildRouter();
            return network;
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>Creates node <paramref name="node"/>'s namespace and its link to the router.</summary>
    public void AddNode(int node)
    {
        if (node is < 1 or > 250)
        {
            throw new ArgumentOutOfRangeException(nameof(node), node, "node indexes run from 1 to 250 (10.78.K.2)");
        }

        var name = NamespaceOf(node);
        AddNamespace(name);
        var index = node.ToString(CultureInfo.InvariantCulture);
        var nodeEnd = $"{_vethStem}n{index}";
        var routerEnd = $"{_vethStem}r{index}";
        CommandRunner.Check("ip", "link", "add", nodeEnd, "netns", name, "type", "veth", "peer", "name", routerEnd, "netns", Router);
        Ip(name, "addr", "add", AddressOf(node) + "/24", "dev", nodeEnd);
        Ip(name, "link", "set", nodeEnd, "up");
        Ip(name, "route", "add", "default", "via", $"10.78.{index}.1");
        Ip(Router, "addr", "add", $"10.78.{index}.1/24", "dev", routerEnd);
        Ip(Router, "link", "set", routerEnd, "up");
    }

    /// <summary>Makes the router drop exactly what <paramref name="faults"/> say, replacing what it dropped before.</summary>
    public void Apply(IEnumerable<NetworkFault> faults)
    {
        var rules = NftRules.Render(faults, AddressOf);
        lock (_rulesLock)
        {
            CommandRunner.Check("ip", NetnsHost.Exec(Router, "nft", "-f", "-"), rules);
        }
    }

    /// <summary>
    /// Null when tc netem works in the router (the kernel has sch_netem), so delay faults can be applied; otherwise the
    /// reason printed when a delay fault is skipped.
    /// </summary>
    public string? DelayUnavailableReason()
    {
        if (!CommandRunner.OnPath("tc"))
        {
            return "the `tc` command is not installed";
        }

        var (code, output) = CommandRunner.Run("ip", NetnsHost.Exec(Router, "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"));
        if (code != 0)
        {
            return $"tc netem is not available (`tc qdisc add ... netem` says: {output.Trim()}; the kernel has no sch_netem)";
        }

        CommandRunner.Run("ip", NetnsHost.Exec(Router, "tc", "qdisc", "del", "dev", "lo", "root"));
        return null;
    }

    /// <summary>Delays every packet the router sends to <paramref name="node"/> by <paramref name="milliseconds"/> (null: no delay).</summary>
    public void SetDelay(int node, int? milliseconds)
    {
        var link = $"{_vethStem}r{node.ToString(CultureInfo.InvariantCulture)}";
        if (milliseconds is { } ms)
        {
            CommandRunner.Check("ip", NetnsHost.Exec(Router, "tc", "qdisc", "add", "dev", link, "root", "netem", "delay", ms.ToString(CultureInfo.InvariantCulture) + "ms"));
        }
        else
        {
            CommandRunner.Run("ip", NetnsHost.Exec(Router, "tc", "qdisc", "del", "dev", link, "root"));
        }
    }

    public void Dispose()
    {
        if (_managementRoute)
        {
            CommandRunner.Run("ip", "route", "del", "10.78.0.0/16", "via", RouterManagementAddress);
            _managementRoute = false;
        }

        foreach (var name in _namespaces)
        {
            // A node still inside (the run was interrupted) would keep the namespace's sockets alive: it was ours.
            var (code, pids) = CommandRunner.Run("ip", "netns", "pids", name);
            if (code == 0)
            {
                foreach (var pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    CommandRunner.Run("kill", "-9", pid.Trim());
                }
            }

            CommandRunner.Run("ip", "netns", "del", name);
        }

        _namespaces.Clear();
    }

    private void BuildRouter()
    {
        var (addressCode, inUse) = CommandRunner.Run("ip", "-4", "addr", "show", "to", "10.78.0.0/16");
        if (addressCode == 0 && inUse.Trim().Length > 0)
        {
            throw new InvalidOperationException($"10.78.0.0/16 is already in use in this namespace (another chaos run?):\n{inUse.Trim()}");
        }

        AddNamespace(Router);
        CommandRunner.Check("ip", NetnsHost.Exec(Router, "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        var runnerEnd = $"{_vethStem}m";
        var routerEnd = $"{_vethStem}mr";
        CommandRunner.Check("ip", "link", "add", runnerEnd, "type", "veth", "peer", "name", routerEnd, "netns", Router);
        CommandRunner.Check("ip", "addr", "add", RunnerAddress + "/24", "dev", runnerEnd);
        CommandRunner.Check("ip", "link", "set", runnerEnd, "up");
        Ip(Router, "addr", "add", RouterManagementAddress + "/24", "dev", routerEnd);
        Ip(Router, "link", "set", routerEnd, "up");
        CommandRunner.Check("ip", "route", "add", "10.78.0.0/16", "via", RouterManagementAddress);
        _managementRoute = true;
        Apply([]);
    }

    private void AddNamespace(string name)
    {
        CommandRunner.Check("ip", "netns", "add", name);
        _namespaces.Add(name);
        Ip(name, "link", "set", "lo", "up");
    }

    private static void Ip(string name, params string[] arguments) => CommandRunner.Check("ip", ["-n", name, .. arguments]);
}
