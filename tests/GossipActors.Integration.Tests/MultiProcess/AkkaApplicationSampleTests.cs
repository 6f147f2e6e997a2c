using System.Globalization;
using GossipActors.Integration.Tests.Processes;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.MultiProcess;

/// <summary>
/// samples/AkkaApplication, an Akka.NET application with gossip added to its own ActorSystem, run as two processes on
/// loopback: each one's actor learns through gossip that the other is UP and sends it a 100 KB message over the gtcp
/// transport, which arrives whole and is acknowledged; SIGTERM stops both cleanly.
/// </summary>
[Collection(MultiProcessCollection.Name)]
public sealed class AkkaApplicationSampleTests(ITestOutputHelper output) : IDisposable
{
    // Generous: two .NET processes start on a shared 2-core machine.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(120);

    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("gossip-akka-application-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Two_sample_processes_each_receive_the_others_100_KB_message_whole_and_have_their_own_acknowledged()
    {
        var ports = FreePorts.Take(2).Select(p => p.ToString(CultureInfo.InvariantCulture)).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        using var first = Start("app-1", ports[0], seed);
        using var second = Start("app-2", ports[1], seed);
        ChildProcess[] both = [first, second];

        foreach (var (receiver, sender) in new[] { (first, ports[1]), (second, ports[0]) })
        {
            var received = await receiver.WaitForTextAsync($"received a 102400-byte payload from 127.0.0.1:{sender} (SHA-256 ok)", Generous);
            Assert.True(received is not null, $"{receiver.Label} never logged the 100 KB message from 127.0.0.1:{sender}\n{Tails(both)}");
            var acknowledged = await receiver.WaitForTextAsync($"127.0.0.1:{sender} acknowledged our 102400-byte payload (SHA-256 ok)", Generous);
            Assert.True(acknowledged is not null, $"{receiver.Label}'s own 100 KB message was never acknowledged by 127.0.0.1:{sender}\n{Tails(both)}");
        }

        Assert.Equal(0, await second.TerminateAsync(Generous));
        var announced = await first.WaitForTextAsync($"127.0.0.1:{ports[1]} is now DOWN (announced shutdown)", Generous);
        Assert.True(announced is not null, $"app-1 never saw app-2's shutdown announcement\n{Tails(both)}");
        Assert.Equal(0, await first.TerminateAsync(Generous));
    }

    private ChildProcess Start(string label, string port, string seed) =>
        ChildProcess.StartDotnet(label, output, null, Programs.AkkaApplicationDll,
            "--port", port, "--seeds", seed, "--data-dir", Path.Combine(_scratch.FullName, label));

    private static string Tails(IEnumerable<ChildProcess> processes) => string.Join('\n', processes.Select(p => p.Tail()));
}
