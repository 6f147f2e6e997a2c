namespace GossipActors.Benchmarks.Kernel;

/// <summary>One measured repetition: how many operations took how long, plus optional extra figures.</summary>
internal readonly record struct Sample(long Operations, TimeSpan Elapsed)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}

/// <summary>Median and range of a rate over the measured repetitions.</summary>
internal sealed record Summary(double Median, double Min, double Max)
{
    public static Summary Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Summary(median, sorted[0], sorted[^1]);
    }
}
