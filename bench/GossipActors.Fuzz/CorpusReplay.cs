namespace GossipActors.Fuzz;

/// <summary>
/// Runs inputs through a target and its allocation guard without afl-fuzz: the harness's <c>replay</c> command
/// and the corpus replay test share it, so a saved input is judged exactly as it was while fuzzing.
/// </summary>
public static class CorpusReplay
{
    /// <summary>
    /// The checked-in corpus of <paramref name="target"/> (afl-fuzz's queue after a long run, minimised with
    /// afl-cmin, plus every input that once was a finding), copied beside the assembly at build time.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> CheckedIn(string target)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "fuzz-corpus", target);
        return Directory.Exists(directory) ? Files([directory]) : [];
    }

    /// <summary>Every file under the given files and directories, in a stable order (afl-fuzz's README files left out).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Files(IEnumerable<string> paths) =>
        [.. paths
            .SelectMany(path => Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories) : [path])
            .Where(file => !Path.GetFileName(file).StartsWith('.') && Path.GetFileName(file) != "README.txt")
            .Order(StringComparer.Ordinal)
            .Select(file => (file, File.ReadAllBytes(file)))];

    /// <returns>One line per input that escaped with anything but a promised refusal, or allocated over the bound.</returns>
    public static IReadOnlyList<string> Findings(FuzzTarget target, AllocationGuard guard, IEnumerable<(string Name, byte[] Bytes)> inputs)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(inputs);
        Warm(target);
        var findings = new List<string>();
        foreach (var (name, bytes) in inputs)
        {
            try
            {
                guard.Run(bytes);
            }
            catch (Exception finding)
            {
                findings.Add($"{name}: {finding}");
            }
        }

        return findings;
    }

    /// <summary>
    /// Runs the seeds (whole and cut in half) unmeasured: the first call of anything loads types, fills caches and
    /// compiles, and none of that is the next input's doing.
    /// </summary>
    public static void Warm(FuzzTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        for (var round = 0; round < 3; round++)
        {
            foreach (var (_, bytes) in target.Seeds())
            {
                target.Run(bytes);
                target.Run(bytes.AsSpan(0, bytes.Length / 2));
            }
        }
    }
}
