using System.Globalization;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// Seed 000 rebuilt with network namespaces: host A (10.77.1.2, MTU 9001) — router — host B (10.77.2.2, MTU
/// 9001), where the router's link towards B has MTU 1422 and the router drops the ICMP "fragmentation needed"
/// it generates (output chain) or forwards (forward chain), so large DF packets vanish silently.
/// Names carry a unique prefix; everything is removed on Dispose, and <see cref="RemoveStale"/> clears what a
/// crashed run left behind.
/// </summary>
public sealed class MtuLab : IDisposable
{
    // Not "gatest-": test builds before this one delete every "gatest-" namespace at start, live ones included,
    // which broke labs of concurrent runs on a shared machine.
    public const string Prefix = "galab-";
    private const string OldPrefix = "gatest-";
    public const int HostMtu = 9001;
    public const int PathMtu = 1422;
    public const string AddressA = "10.77.1.2";
    public const string AddressB = "10.77.2.2";

    private readonly List<string> _namespaces = [];

    private MtuLab(string id)
    {
        Id = id;
        A = $"{Prefix}{id}-a";
        Router = $"{Prefix}{id}-r";
        B = $"{Prefix}{id}-b";
    }

    public string Id { get; }

    public string A { get; }

    public string Router { get; }

    public string B { get; }

    /// <summary>Null when namespaces can be used here; otherwise the reason the test must be skipped.</summary>
    public static string? UnavailableReason() => NetnsHost.UnavailableReason(Prefix);

    /// <summary>Deletes labs left by earlier runs, never those of a test process still running (<see cref="NetnsHost.RemoveStale"/>).</summary>
    public static void RemoveStale() => NetnsHost.RemoveStale(Prefix, OldPrefix);

    /// <param name="smallBothWays">
    /// Also give the router's link towards A the small MTU. Newer kernels let an oversized packet into a veth, so the
    /// B→A direction is a black hole only when the router's egress towards A is small too.
    /// </param>
    public static MtuLab Create(bool smallBothWays = false)
    {
        // The creating process id comes first, whole, so RemoveStale can tell a crashed run's lab from a live one.
        // "ga" + pid (at most 7 digits) + "-" + 3 hex digits + "ra" fits the 15 characters a veth name may have.
        var id = NetnsHost.NewLabId();
        var lab = new MtuLab(id);
        try
        {
            lab.Build(smallBothWays);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            CommandRunner.Run("ip", "netns", "del", name);
        }

        _namespaces.Clear();
    }

    /// <summary>Arguments that run <paramref name="command"/> inside namespace <paramref name="name"/>.</summary>
    public static string[] Exec(string name, params string[] command) => NetnsHost.Exec(name, command);

    private void Build(bool smallBothWays)
    {
        foreach (var name in new[] { A, Router, B })
        {
            CommandRunner.Check("ip", "netns", "add", name);
            _namespaces.Add(name);
            Ip(name, "link", "set", "lo", "up");
        }

        // veth names are limited to 15 characters and live in the root namespace until moved.
        var vethA = $"ga{Id}a";
        var vethRouterA = $"ga{Id}ra";
        var vethB = $"ga{Id}b";
        var vethRouterB = $"ga{Id}rb";
        CommandRunner.Check("ip", "link", "add", vethA, "netns", A, "type", "veth", "peer", "name", vethRouterA, "netns", Router);
        CommandRunner.Check("ip", "link", "add", vethB, "netns", B, "type", "veth", "peer", "name", vethRouterB, "netns", Router);

        ConfigureHost(A, vethA, AddressA, "10.77.1.1");
        ConfigureHost(B, vethB, AddressB, "10.77.2.1");
        Ip(Router, "addr", "add", "10.77.1.1/24", "dev", vethRouterA);
        Ip(Router, "link", "set", vethRouterA, "mtu", (smallBothWays ? PathMtu : HostMtu).ToString(CultureInfo.InvariantCulture), "up");
        Ip(Router, "addr", "add", "10.77.2.1/24", "dev", vethRouterB);
        Ip(Router, "link", "set", vethRouterB, "mtu", PathMtu.ToString(CultureInfo.InvariantCulture), "up");
        CommandRunner.Check("ip", Exec(Router, "sysctl", "-qw", "net.ipv4.ip_forward=1"));
        CommandRunner.Check("ip", Exec(Router, "nft", "-f", "-"), """
            table inet gossipactors_mtu_lab {
              chain forward { type filter hook forward priority 0; icmp type destination-unreachable icmp code frag-needed drop; }
              chain output { type filter hook output priority 0; icmp type destination-unreachable icmp code frag-needed drop; }
            }
            """);
    }

    private static void ConfigureHost(string name, string veth, string address, string gateway)
    {
        Ip(name, "addr", "add", address + "/24", "dev", veth);
        Ip(name, "link", "set", veth, "mtu", HostMtu.ToString(CultureInfo.InvariantCulture), "up");
        // A veth lets GSO super-packets through whatever the receiving end's MTU; one segment per packet makes
        // every packet its real size on the "wire", as on a physical link.
        Ip(name, "link", "set", veth, "gso_max_segs", "1");
        Ip(name, "route", "add", "default", "via", gateway);
    }

    private static void Ip(string name, params string[] arguments) => CommandRunner.Check("ip", ["-n", name, .. arguments]);
}
