using System.Globalization;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// Found by the chaos runner: a node restarted while its seeds were behind a partition was stopped (SIGTERM) while it
/// was still joining and exited 1 with a TaskCanceledException's stack trace. A stop during start-up is the
/// operator's ordinary stop: exit 0 and one line saying so.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class StopDuringStartupTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Sigterm_while_the_seeds_do_not_answer_exits_0_with_one_line_and_no_stack_trace()
    {
        var ports = FreePorts.Take(3);
        var dataDir = Directory.CreateTempSubdirectory("gossip-stop-during-startup-");
        try
        {
            // The seed's port has no listener: the shadow round keeps trying until the (long) timeout.
            using var node = ChildProcess.StartDotnet("node", output, null, Programs.NodeDll,
                "--listen", Loopback(ports[0]),
                "--seeds", Loopback(ports[1]),
                "--admin", Loopback(ports[2]),
                "--data-dir", dataDir.FullName,
                "--set", "gossip.shadow-round-timeout=5m");

            Assert.True(await node.WaitForTextAsync("starting gossip node", Generous) is not null, node.Tail());
            var code = await node.TerminateAsync(Generous);

            Assert.True(code == 0, $"exit code {code?.ToString(CultureInfo.InvariantCulture) ?? "none (still running)"}\n{node.Tail()}");
            Assert.Contains(node.Lines, l => l.Contains("stopped during start-up", StringComparison.Ordinal));
            Assert.DoesNotContain(node.Lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally
        {
            dataDir.Delete(recursive: true);
        }
    }

    private static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");
}
