using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// The actor tree on virtual time, one node's clock 300 ms ahead (<see cref="GossipNodeStartOptions.ClockOffset"/>), the
/// in-memory network 2-5 ms each way: the gossiper's reports carry every peer's skew from its core, and a direct
/// heartbeat's transit comes out as the network's delay once corrected by that skew.
/// </summary>
public sealed class ClockSkewActorTests : DeterministicTestKit
{
    public ClockSkewActorTests() : base(seed: 71) { }

    [Fact]
    public void Reports_carry_each_peers_skew_and_heartbeat_transit_is_corrected_by_it()
    {
        using var cluster = new ActorCluster(this, seed: 71);
        var (first, second, ahead) = (ActorCluster.AddressOf(1), ActorCluster.AddressOf(2), ActorCluster.AddressOf(3));
        var settings = ActorCluster.Settings([first]);
        var handled = new List<InboundHandled>();
        var nodes = new[]
        {
            cluster.Add(first, settings, new GossipNodeStartOptions { InboundHandledObserver = handled.Add }),
            cluster.Add(second, settings),
            cluster.Add(ahead, settings, new GossipNodeStartOptions { ClockOffset = TimeSpan.FromMilliseconds(300) }),
        };
        var starts = nodes.Select(n => n.StartAsync()).ToList();
        AwaitCondition(() => starts.All(s => s.IsCompleted) && cluster.AllSeeAllUp([first, second, ahead]), TimeSpan.FromSeconds(60));

        var report = AwaitSkews(nodes[0], [second, ahead]);
        // Every heartbeat handled from here on had the skew to correct its transit; earlier ones may not have.
        var handledBeforeSkewKnown = handled.Count;
        var skewOfAhead = report.Endpoints.Single(s => s.Endpoint == ahead).ClockSkew!.Value;
        var skewOfSecond = report.Endpoints.Single(s => s.Endpoint == second).ClockSkew!.Value;
        Assert.InRange(skewOfAhead.SkewMs, 300 - skewOfAhead.ErrorBoundMs - 1, 300 + skewOfAhead.ErrorBoundMs + 1);
        Assert.InRange(skewOfSecond.SkewMs, -skewOfSecond.ErrorBoundMs - 1, skewOfSecond.ErrorBoundMs + 1);
        Assert.InRange(skewOfAhead.RoundTripMs, 4, 10);
        Assert.Equal(50, report.ClockSkewWarningMs);

        var seenByAhead = AwaitSkews(nodes[2], [first]).Endpoints.Single(s => s.Endpoint == first).ClockSkew!.Value;
        Assert.InRange(seenByAhead.SkewMs, -300 - seenByAhead.ErrorBoundMs - 1, -300 + seenByAhead.ErrorBoundMs + 1);
        var row = AwaitResult(nodes[0].GetStatusAsync()).Single(r => r.Endpoint == ahead);
        Assert.NotNull(row.ClockSkew);

        // Heartbeats from the node 300 ms ahead, once its skew was known: 2-5 ms of network, not 300.
        List<long> Transits() => handled
            .Skip(handledBeforeSkewKnown)
            .Where(h => h.Envelope.From == ahead && h.Envelope.Message is GossipHeartbeat && h.HeartbeatTransitMs is not null)
            .Select(h => h.HeartbeatTransitMs!.Value)
            .ToList();
        AwaitCondition(() => Transits().Count >= 5, TimeSpan.FromSeconds(30));
        var transits = Transits().TakeLast(5).ToList();
        Assert.All(transits, t => Assert.InRange(t, 2 - skewOfAhead.ErrorBoundMs - 1, 5 + skewOfAhead.ErrorBoundMs + 1));
        Assert.Contains(handled, h => h.Envelope.Message is GossipDigestAck2 && h.HandledTimestamp >= h.ArrivedTimestamp);
    }

    private FailureDetectorReport AwaitSkews(GossipNode node, EndpointAddress[] peers)
    {
        FailureDetectorReport? report = null;
        AwaitCondition(
            () =>
            {
                report = AwaitResult(node.GetFailureDetectorReportAsync());
                return peers.All(p => report.Endpoints.Any(s => s.Endpoint == p && s.ClockSkew is not null));
            },
            TimeSpan.FromSeconds(30));
        return report!;
    }
}
