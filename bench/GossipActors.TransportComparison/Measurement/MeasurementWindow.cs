using System.Diagnostics;

namespace GossipActors.TransportComparison.Measurement;

/// <summary>
/// The measured interval, fixed in <see cref="Stopwatch"/> ticks before any message is sent. Every actor decides
/// for itself whether an event counts by the time it handles it, so nothing has to be signalled across threads
/// when warm-up ends, and throughput and latency are taken over exactly the same events.
/// </summary>
public readonly record struct MeasurementWindow(long Start, long End)
{
    public static MeasurementWindow After(TimeSpan warmUp, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp() + ToTicks(warmUp);
        return new MeasurementWindow(start, start + ToTicks(duration));
    }

    public double Seconds => (End - Start) / (double)Stopwatch.Frequency;

    public bool Contains(long timestamp) => timestamp >= Start && timestamp < End;

    public TimeSpan UntilStart() => Remaining(Start);

    public TimeSpan UntilEnd() => Remaining(End);

    private static TimeSpan Remaining(long target)
    {
        var ticks = target - Stopwatch.GetTimestamp();
        return ticks <= 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(0, ticks);
    }

    private static long ToTicks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
