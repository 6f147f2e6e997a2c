using System.Globalization;
using System.Text.RegularExpressions;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>Issue 7 item 5: samples/LocalCluster, run as the operator runs it, starts, converges, kills one and cleans up.</summary>
[Collection(MultiProcessCollection.Name)]
public sealed partial class LocalClusterTests(ITestOutputHelper output)
{
    // LocalCluster's own --timeout bounds each phase; this only stops a hung run.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(200);

    [Fact]
    public async Task Three_nodes_converge_the_status_table_is_printed_and_the_killed_node_is_down_on_all_survivors()
    {
        using var run = ChildProcess.StartDotnet(
            "LocalCluster", output, netns: null, Programs.LocalClusterDll, "--nodes", "3", "--exit-when-converged", "--kill-one", "--timeout", "90");
        var exited = await run.WaitForExitAsync(Generous);
        Assert.True(exited, $"LocalCluster still running after {Generous.TotalSeconds:0} s\n{run.Tail(80)}");
        Assert.True(run.ExitCode == 0, $"LocalCluster exited with {run.ExitCode}\n{run.Tail(80)}");

        var lines = run.Lines;
        var started = lines.Where(l => l.StartsWith("started node ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, started.Count);
        Assert.Contains(lines, l => l.Contains("all 3 nodes see each other UP", StringComparison.Ordinal));

        // The status table: every node listed UN, exactly once.
        var rows = lines.Where(l => StatusRow().IsMatch(l)).ToList();
        Assert.True(rows.Count == 3, $"expected 3 UN rows in the status table\n{run.Tail(80)}");
        Assert.Contains(lines, l => l.StartsWith("Cluster: local (as seen by 127.0.0.1:", StringComparison.Ordinal));

        var down = lines.Select(l => DownLine().Match(l)).SingleOrDefault(m => m.Success);
        Assert.True(down is not null, $"no 'node … DOWN on all survivors after X.XX s' line\n{run.Tail(80)}");
        var seconds = double.Parse(down.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 0.0, 90.0);
        var victim = down.Groups["address"].Value;
        Assert.Contains(started, l => l.Contains($"({victim})", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"SIGKILL node 3 ({victim})", StringComparison.Ordinal));
        Assert.Equal("stopped 2 node process(es)", lines[^1]);
        output.WriteLine($"detection: {seconds:0.00} s");
    }

    [GeneratedRegex(@"^UN  127\.0\.0\.1:\d+ ")]
    private static partial Regex StatusRow();

    [GeneratedRegex(@"^node (?<address>127\.0\.0\.1:\d+) DOWN on all survivors after (?<seconds>\d+\.\d\d) s$")]
    private static partial Regex DownLine();
}
