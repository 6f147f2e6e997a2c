using System.Globalization;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// What every namespace lab on this machine needs, kept in one place for the tests' <see cref="MtuLab"/> and the chaos
/// runner (bench/GossipActors.Chaos compiles this file in): whether namespaces can be used here, and the removal of
/// namespaces a crashed run left behind. A lab's namespace names start with its prefix and then the creating process
/// id ("PREFIX" + "PID-xyz-..."), so a lab whose process still runs is never touched.
/// </summary>
public static class NetnsHost
{
    /// <summary>Null when namespaces can be used here; otherwise the reason a lab cannot be built.</summary>
    public static string? UnavailableReason(string prefix)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (!CommandRunner.OnPath("ip"))
        {
            return "the `ip` command (iproute2) is not installed";
        }

        if (!CommandRunner.OnPath("nft"))
        {
            return "the `nft` command is not installed (apt-get install nftables)";
        }

        var probe = $"{prefix}probe-{Environment.ProcessId}";
        var (code, output) = CommandRunner.Run("ip", "netns", "add", probe);
        if (code != 0)
        {
            return $"`ip netns add` is not permitted here: {output.Trim()}";
        }

        CommandRunner.Run("ip", "netns", "del", probe);
        return null;
    }

    /// <summary>
    /// Deletes the namespaces named with one of <paramref name="prefixes"/> whose creating process is gone (their veth
    /// pairs go with them), never those of a process still running: another worktree's or CI job's lab may be in use
    /// on this machine at the same time. Returns the names deleted.
    /// </summary>
    public static IReadOnlyList<string> RemoveStale(params string[] prefixes)
    {
        var (code, output) = CommandRunner.Run("ip", "netns", "list");
        if (code != 0)
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0];
            var prefix = prefixes.FirstOrDefault(p => name.StartsWith(p, StringComparison.Ordinal));
            if (prefix is not null && !OwnerIsAlive(name[prefix.Length..]))
            {
                // A run killed outright leaves its programs running inside; they were its children, and die with it.
                KillProcessesInside(name);
                CommandRunner.Run("ip", "netns", "del", name);
                removed.Add(name);
            }
        }

        return removed;
    }

    private static void KillProcessesInside(string name)
    {
        var (code, output) = CommandRunner.Run("ip", "netns", "pids", name);
        if (code != 0)
        {
            return;
        }

        foreach (var pid in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            CommandRunner.Run("kill", "-9", pid.Trim());
        }
    }

    /// <summary>A lab id that starts with this process's id, whole, then 3 random hex digits ("PID-xyz").</summary>
    public static string NewLabId() =>
        Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" +
        Random.Shared.Next(16 * 16 * 16).ToString("x3", CultureInfo.InvariantCulture);

    /// <summary>Arguments that run <paramref name="command"/> inside namespace <paramref name="name"/>.</summary>
    public static string[] Exec(string name, params string[] command) => ["netns", "exec", name, .. command];

    /// <summary>True when the process that created the namespace named PREFIX + <paramref name="id"/> ("PID-xyz-a") still runs.</summary>
    private static bool OwnerIsAlive(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        // Older test builds named labs "gatest-" + (pid modulo 100000) + 3 random characters, without a separator.
        var owner = dash > 0 && dash + 4 < id.Length && id[dash + 4] == '-' ? id[..dash] : id[..Math.Max(0, dash - 3)];
        return int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) &&
               (pid == Environment.ProcessId || Directory.Exists($"/proc/{pid}"));
    }
}
