using System.Runtime.InteropServices;

namespace LocalCluster;

/// <summary>
/// .NET can only SIGKILL a process; a node stopped that way cannot announce its shutdown, so a
/// graceful stop sends SIGTERM through libc instead (not available on Windows, where stop is a kill).
/// </summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static bool TryTerminate(int pid) =>
        !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
