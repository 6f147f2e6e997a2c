using System.Globalization;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>A process's resident set size, as the kernel reports it in /proc/PID/status (VmRSS).</summary>
public static class ResidentMemory
{
    public const long MiB = 1024 * 1024;

    /// <summary>Bytes resident now, or null when the process is gone or this is not Linux.</summary>
    public static long? Of(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status")))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return null;
    }

    public static string Format(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.0} MiB");
}
