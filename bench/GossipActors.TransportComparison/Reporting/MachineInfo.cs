using System.Runtime;
using System.Runtime.InteropServices;

namespace GossipActors.TransportComparison.Reporting;

/// <summary>
/// The machine a figure was taken on, printed with every run: on a shared 2-core box the load average at the
/// start says as much about a figure as the figure itself.
/// </summary>
public static class MachineInfo
{
    // global:: because inside GossipActors.* the name Akka means the GossipActors.Akka namespace.
    public static string Describe() =>
        $"{Environment.ProcessorCount} cores ({CpuModel()}), {RuntimeInformation.OSDescription}, "
        + $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, "
        + $"Akka {typeof(global::Akka.Actor.ActorSystem).Assembly.GetName().Version}";

    /// <summary>1, 5 and 15-minute load averages, or "unknown" off Linux.</summary>
    public static string LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Join(" / ", fields.Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
