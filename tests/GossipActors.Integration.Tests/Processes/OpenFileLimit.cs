using System.Globalization;
using System.Runtime.InteropServices;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// RLIMIT_NOFILE of this process (and so of the nodes it starts): raised to what a test needs when the hard limit
/// allows it, else the reason the test cannot run.
/// </summary>
internal static partial class OpenFileLimit
{
    private const int RlimitNofile = 7;

    /// <summary>Null when at least <paramref name="needed"/> descriptors are now allowed; else why not.</summary>
    public static string? Ensure(ulong needed)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux (/proc and setrlimit)";
        }

        if (GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return "getrlimit(RLIMIT_NOFILE) failed";
        }

        if (limit.Current >= needed)
        {
            return null;
        }

        if (limit.Maximum < needed)
        {
            return string.Create(CultureInfo.InvariantCulture, $"needs {needed} open files; the hard limit (ulimit -Hn) is {limit.Maximum}");
        }

        var raised = limit with { Current = needed };
        return SetRLimit(RlimitNofile, in raised) == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"needs {needed} open files; setrlimit from {limit.Current} failed (errno {Marshal.GetLastPInvokeError()})");
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Current, ulong Maximum);
}
