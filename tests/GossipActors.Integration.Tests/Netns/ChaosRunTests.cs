using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Netns;

/// <summary>
/// Issue 16 item 3: the chaos runner's short seeded version. Six node processes, each in its own namespace behind a
/// router namespace, one minute of faults (every kind once: kill -9 and restart, SIGSTOP, graceful restart,
/// decommission and a fresh join, packet loss, a partition, a one-way partition), every invariant judged from the
/// nodes' admin APIs; the runner exits non-zero and names the broken invariant otherwise. Skipped, with the reason,
/// where namespaces cannot be used.
/// </summary>
[Collection(NetnsCollection.Name)]
public sealed class ChaosRunTests(ITestOutputHelper output) : IDisposable
{
    // The native publish (2-3 min on 2 cores), one minute of faults, start-up and the settle after them; the deadline
    // only bounds a hung run.
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo _runDirectory = Directory.CreateTempSubdirectory("gossip-chaos-ci-");

    [NetnsFact]
    public async Task Six_nodes_through_a_minute_of_seeded_faults_keep_every_invariant()
    {
        // The node as README tells users to run it, published natively: the only test of that form, so the faults
        // (restarts, decommission, partitions) run through the native executable. Publishing needs clang; without it
        // the run uses the built dll under the JIT, and says so.
        var native = CommandRunner.OnPath("clang");
        var launch = native ? "published" : "dll";
        output.WriteLine(native ? "node launch: published (native)" : "node launch: dll, not the native publish: clang is not on PATH (apt-get install clang; .ci/run installs it)");
        using var runner = ChildProcess.StartDotnet("chaos", output, null, Programs.ChaosRunnerDll,
            "--nodes", "6", "--minutes", "1", "--seed", "16", "--node-launch", launch, "--run-dir", _runDirectory.FullName);

        Assert.True(await runner.WaitForExitAsync(Generous), $"the chaos run still runs after {Generous.TotalMinutes:0} min\n{runner.Tail(80)}");
        Assert.True(runner.ExitCode == 0, $"the chaos run exited with {runner.ExitCode}\n{runner.Tail(80)}");
        Assert.Contains(runner.Lines, l => l.Contains("every invariant held", StringComparison.Ordinal));
        Assert.Contains(runner.Lines, l => l.StartsWith("| kill -9 detection", StringComparison.Ordinal));
    }

    public void Dispose() => _runDirectory.Delete(recursive: true);
}
