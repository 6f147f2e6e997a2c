using System.Globalization;

namespace GossipActors.Chaos;

/// <summary>Every line the runner prints, headed by the seconds since the run started (one clock for faults and checks).</summary>
public sealed class RunLog(TextWriter writer)
{
    private readonly DateTime _start = DateTime.UtcNow;
    private readonly Lock _lock = new();

    public DateTime Start => _start;

    public TimeSpan Elapsed(DateTime at) => at - _start;

    public void Line(string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{(DateTime.UtcNow - _start).TotalSeconds,7:0.0} s] {text}");
        lock (_lock)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    /// <summary>The 1-minute load average: printed with anything a starved CPU could explain (a false conviction).</summary>
    public static string LoadAverage()
    {
        try
        {
            return "load " + File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "load unknown";
        }
    }
}
