using System.Globalization;

namespace GossipActors.ClusterComparison.Reporting;

/// <summary>What the figures were measured on, and how loaded the machine was when the run began.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var model = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores ({model}), memory {memory}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }

    /// <summary>The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() =>
        string.Join(' ', ReadLines("/proc/loadavg").FirstOrDefault()?.Split(' ').Take(3) ?? ["unknown"]);

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
