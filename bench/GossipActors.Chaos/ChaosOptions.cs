using System.Globalization;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.Chaos;

/// <summary>The runner's command line. Every value is required to be in range; a wrong one is named with its switch.</summary>
public sealed record ChaosOptions(
    int Nodes,
    double Minutes,
    int Seed,
    TimeSpan Bound,
    long MaxRssBytes,
    string NodeLaunch,
    string RunDirectory)
{
    public const string Usage =
        "usage: GossipActors.Chaos [--nodes N (4-32, default 16)] [--minutes M (0.5-120, default 10)] [--seed S (default 42)]\n" +
        "       [--bound-seconds B (default 60): how long a node may stay not UP on a peer after the last fault touching either]\n" +
        "       [--max-rss-mib R (default 512)] [--node-launch published|readytorun|dll (default published)] [--run-dir DIR]";

    /// <summary>The options, or the one-line problem naming the switch.</summary>
    public static (ChaosOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var nodes = 16;
        var minutes = 10.0;
        var seed = 42;
        var bound = 60.0;
        var maxRss = 512L;
        var launch = GossipNodeCommand.Published;
        string? runDirectory = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                return (null, $"{name}: a value is required");
            }

            var value = args[++i];
            string? error = name switch
            {
                "--nodes" => Integer(name, value, 4, 32, out nodes),
                "--minutes" => Number(name, value, 0.5, 120, out minutes),
                "--seed" => Integer(name, value, 0, int.MaxValue, out seed),
                "--bound-seconds" => Number(name, value, 5, 600, out bound),
                "--max-rss-mib" => Long(name, value, 32, 65536, out maxRss),
                "--node-launch" => GossipNodeCommand.Launches.Contains(value) ? Assign(value, out launch) : $"{name}: '{value}' is not one of {string.Join(", ", GossipNodeCommand.Launches)}",
                "--run-dir" => Assign(value, out runDirectory),
                _ => $"unknown switch '{name}'",
            };
            if (error is not null)
            {
                return (null, error);
            }
        }

        runDirectory ??= Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"gossipactors-chaos-{Environment.ProcessId}"));
        return (new ChaosOptions(nodes, minutes, seed, TimeSpan.FromSeconds(bound), maxRss * 1024 * 1024, launch, runDirectory), null);
    }

    private static string? Assign(string value, out string result)
    {
        result = value;
        return null;
    }

    private static string? Integer(string name, string value, int min, int max, out int result) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"{name}: '{value}' is not a whole number from {min} to {max}";

    private static string? Long(string name, string value, long min, long max, out long result) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"{name}: '{value}' is not a whole number from {min} to {max}";

    private static string? Number(string name, string value, double min, double max, out double result) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out result) && result >= min && result <= max
            ? null
            : $"{name}: '{value}' is not a number from {min} to {max}";
}
