namespace GossipActors.Fuzz;

/// <summary>The harness's commands (see Program.cs).</summary>
internal static class Harness
{
    /// <summary>afl-fuzz's own default cap on an input's size.</summary>
    private const int MaximumInput = 1024 * 1024;

    /// <summary>afl's coverage map size (64 KiB).</summary>
    private const int ScratchMapSize = 1 << 16;

    /// <summary>
    /// The instrumented assemblies record every branch into afl-fuzz's shared memory, which SharpFuzz maps only
    /// once <see cref="SharpFuzz.Fuzzer.Run(Action{Stream})"/> starts; until then (settings, seeds, warming up)
    /// branches go to a scratch map. The uninstrumented build never reads it. Call before anything else.
    /// </summary>
    public static unsafe void UseScratchCoverageMap()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(ScratchMapSize);
        }
    }

    public static int WriteSeeds(FuzzTarget target, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (name, bytes) in target.Seeds())
        {
            File.WriteAllBytes(Path.Combine(directory, name + ".bin"), bytes);
        }

        return 0;
    }

    /// <returns>0 when every input was refused cleanly or accepted within the allocation bound, else 1.</returns>
    public static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        var guard = new AllocationGuard(target);
        var inputs = CorpusReplay.Files(paths);
        var findings = CorpusReplay.Findings(target, guard, inputs);
        foreach (var finding in findings)
        {
            Console.WriteLine($"FINDING {finding}");
        }

        Console.WriteLine(
            $"{target.Name}: {inputs.Count} inputs, {findings.Count} findings; most allocated by one input {guard.WorstAllocated} bytes ({guard.WorstInputLength}-byte input)");
        return findings.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs inputs from afl-fuzz in one process (SharpFuzz's persistent mode), warmed up first.</summary>
    public static void Fuzz(FuzzTarget target)
    {
        var guard = new AllocationGuard(target);
        CorpusReplay.Warm(target);
        var buffer = new byte[MaximumInput];
        SharpFuzz.Fuzzer.Run(stream =>
        {
            var length = 0;
            int read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
            }

            guard.Run(buffer.AsSpan(0, length));
        });
    }
}
