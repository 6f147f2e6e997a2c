using System.Globalization;

namespace GossipActors.ClusterComparison.Measurement;

/// <summary>A process's CPU time and resident memory, read from /proc/PID (the kernel's own accounting).</summary>
public static class ProcessStats
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat; 100 on every Linux the project runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU seconds used so far, or null when the process is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        var text = ReadOrNull(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/stat"));
        if (text is null)
        {
            return null;
        }

        // The command name (field 2) may hold spaces; count fields after its closing parenthesis. utime and stime are
        // fields 14 and 15, i.e. the 12th and 13th after it.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
    }

    /// <summary>Resident set size in bytes (VmRSS), or null when the process is gone.</summary>
    public static long? RssBytes(int pid)
    {
        var text = ReadOrNull(string.Create(CultureInfo.InvariantCulture, $"/proc/{pid}/status"));
        var line = text?.Split('\n').FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
        return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}
