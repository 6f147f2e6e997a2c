using System.Diagnostics;
using System.Globalization;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// How a GossipActors node process is started: the program and the arguments before the node's own. "published" is the
/// product's way as README gives it (dotnet publish: one natively compiled executable); "readytorun" is the publish
/// before it (ReadyToRun code and an apphost, JIT for the rest) and "dll" runs the build output under dotnet,
/// JIT-compiling everything at start; both are kept to measure what the native node saves.
/// </summary>
public sealed record GossipNodeCommand(string Program, IReadOnlyList<string> LeadingArguments, string Description)
{
    public const string Published = "published";
    public const string ReadyToRun = "readytorun";
    public const string Dll = "dll";

    public static readonly IReadOnlyList<string> Launches = [Published, ReadyToRun, Dll];

    /// <summary>Publishes the node once (into the harness's own output directory), or names the built dll.</summary>
    public static async Task<GossipNodeCommand> PrepareAsync(string launch, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (launch == Dll)
        {
            var dll = NodePrograms.GossipNodeDll();
            return new GossipNodeCommand(NodePrograms.DotnetHost(), [dll], $"dotnet {dll}");
        }

        var native = launch == Published;
        var directory = Path.Combine(AppContext.BaseDirectory, native ? "published-node" : "readytorun-node");
        List<string> publish = ["publish", NodePrograms.GossipNodeProject(), "-c", NodePrograms.BuildConfiguration(), "-o", directory, "--nologo"];
        if (!native)
        {
            publish.Add("-p:PublishAot=false");
        }

        await log.WriteLineAsync($"node program: dotnet {string.Join(' ', publish)}");
        var watch = Stopwatch.StartNew();
        var (code, output) = await ShortCommand.RunAsync(NodePrograms.DotnetHost(), publish, cancellationToken: cancellationToken);
        if (code != 0)
        {
            throw new ComparisonException($"publishing the node failed (exit {code}):\n{output}");
        }

        var apphost = Path.Combine(directory, "GossipActors.Node");
        if (!File.Exists(apphost))
        {
            throw new ComparisonException($"dotnet publish left no apphost at {apphost}:\n{output}");
        }

        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"node program: published in {watch.Elapsed.TotalSeconds:0.0} s; nodes run {apphost}"));
        return new GossipNodeCommand(apphost, [], apphost);
    }
}
