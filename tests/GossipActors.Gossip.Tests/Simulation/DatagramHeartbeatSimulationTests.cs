using GossipActors.Gossip.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace GossipActors.Gossip.Tests.Simulation;

/// <summary>
/// Heartbeats as datagrams (<c>remote.heartbeat-datagrams</c>) on the simulated 16-node network of
/// <see cref="ObserverSimulationTests"/>: a crash is found as fast as on the stream, and where every path drops UDP (a
/// firewall) the observers fall back to the stream before anyone is convicted, and still find a crash.
/// </summary>
public sealed class DatagramHeartbeatSimulationTests(ITestOutputHelper output)
{
    private const int Nodes = 16;
    private const long WarmUpMs = 60_000;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_crash_is_DOWN_on_every_survivor_within_6_s_whether_or_not_datagrams_pass(bool dropDatagrams)
    {
        var cluster = new FailureDetectingCluster(Nodes, 2, TestSettings.Node([]), 0.01, new Random(43), datagrams: true)
        {
            DropDatagrams = dropDatagrams,
        };
        var convictions = 0;
        cluster.MembershipChanged = (_, change) => convictions += change.Kind == Protocol.Gossip.MembershipEventKind.Down ? 1 : 0;

        cluster.RunUntil(WarmUpMs);

        Assert.True(cluster.DatagramsSent > 0, "no heartbeat went as a datagram");
        Assert.Equal(0, convictions);
        Assert.All(Enumerable.Range(0, Nodes), o => Assert.All(Enumerable.Range(0, Nodes).Where(s => s != o), s => Assert.False(cluster.SeesDown(o, s))));

        const int victim = 5;
        cluster.Crash(victim);
        var crashedAt = cluster.ElapsedMs;
        while (!Enumerable.Range(0, Nodes).Where(i => i != victim).All(i => cluster.SeesDown(i, victim)))
        {
            Assert.True(cluster.ElapsedMs < crashedAt + 30_000, "the crash was not DOWN everywhere within 30 s");
            cluster.RunUntil(cluster.ElapsedMs + 100);
        }

        var seconds = (cluster.ElapsedMs - crashedAt) / 1000.0;
        output.WriteLine($"datagrams {(dropDatagrams ? "dropped" : "passing")}: {cluster.DatagramsSent} sent; crash DOWN everywhere after {seconds:0.0} s");
        Assert.True(seconds <= 6.0, $"DOWN everywhere after {seconds:0.0} s");
    }
}
