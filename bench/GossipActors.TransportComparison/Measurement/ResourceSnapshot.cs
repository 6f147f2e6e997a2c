using System.Diagnostics;

namespace GossipActors.TransportComparison.Measurement;

/// <summary>
/// Process CPU and GC counters at one instant. On a 2-core machine a transport can look fast by burning both
/// cores, so the cost per message matters as much as the rate; both systems share this process, so the
/// difference of two snapshots is the whole pair's cost.
/// </summary>
public readonly record struct ResourceSnapshot(long Timestamp, TimeSpan Cpu, int Gen0, int Gen1, int Gen2, long Allocated)
{
    public static ResourceSnapshot Take()
    {
        using var process = Process.GetCurrentProcess();
        return new ResourceSnapshot(
            Stopwatch.GetTimestamp(),
            process.TotalProcessorTime,
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalAllocatedBytes());
    }

    public static ResourceUse Between(ResourceSnapshot start, ResourceSnapshot end)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        return new ResourceUse(
            (end.Cpu - start.Cpu).TotalSeconds / seconds,
            end.Gen0 - start.Gen0,
            end.Gen1 - start.Gen1,
            end.Gen2 - start.Gen2,
            (end.Allocated - start.Allocated) / seconds / Units.Mebibyte);
    }
}

/// <summary>Cores busy on average, collections per generation, and MiB allocated per second over the window.</summary>
public readonly record struct ResourceUse(double CoresBusy, int Gen0, int Gen1, int Gen2, double AllocatedMiBPerSecond);
