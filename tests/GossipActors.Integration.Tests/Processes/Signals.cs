using System.Runtime.InteropServices;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// SIGTERM through libc: .NET itself can only SIGKILL a child, and a node stopped that way never runs its
/// clean shutdown (the announcement, the saved peer table), which is what several tests are about.
/// </summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    /// <summary>False when the signal could not be sent (the process is gone, or this is Windows).</summary>
    public static bool TryTerminate(int pid) =>
        !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
