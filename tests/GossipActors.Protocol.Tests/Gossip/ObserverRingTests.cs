using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.ClusterOfCores;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>Who watches whom (<c>gossip.failure-detector.observers</c>): Akka's heartbeat ring over a hash of the address.</summary>
public sealed class ObserverRingTests
{
    private const int K = 3;
    private const long HeartbeatMs = 500;

    [Fact]
    public void The_observers_of_a_node_are_the_next_three_on_the_ring_ordered_by_address_hash()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var order = Enumerable.Range(1, 10).Select(Address).OrderBy(ObserverRing.HashOf).ThenBy(a => a).ToList();

        for (var i = 0; i < order.Count; i++)
        {
            Assert.Equal([order[(i + 1) % 10], order[(i + 2) % 10], order[(i + 3) % 10]], ring.ObserversOf(order[i]));
        }

        Assert.Equal(ring.ObserversOf(core.LocalEndpoint).Order(), ring.Targets(NowMs).Order());
    }

    [Fact]
    public void Every_node_has_k_observers_and_the_nodes_that_observe_it_agree_when_n_is_above_k()
    {
        const int n = 9;
        var rings = Enumerable.Range(1, n).ToDictionary(Address, i => new ObserverRing(Running(i, n), K, HeartbeatMs));

        foreach (var (node, ring) in rings)
        {
            var observers = ring.ObserversOf(node);
            Assert.Equal(K, observers.Count);
            Assert.All(observers, o => Assert.Contains(node, rings[o].Observed));
        }

        Assert.Equal(n * K, rings.Values.Sum(ring => ring.Observed.Count));
    }

    [Fact]
    public void With_fewer_peers_than_k_or_k_0_every_peer_observes_every_other()
    {
        var three = new ObserverRing(Running(local: 1, count: 3), K, HeartbeatMs);
        var everyone = new ObserverRing(Running(local: 1, count: 10), 0, HeartbeatMs);

        Assert.Equal([Address(2), Address(3)], three.ObserversOf(Address(1)).Order());
        Assert.Equal(2, three.Observed.Count);
        Assert.Equal(9, everyone.Observed.Count);
        Assert.Equal(9, everyone.Targets(NowMs).Count);
    }

    [Fact]
    public void Auto_is_every_peer_up_to_eight_endpoints_a_crashed_one_included_and_three_observers_beyond()
    {
        var eight = Running(local: 1, count: ObserverRing.AutoEveryPeerUpTo);
        var eightRing = new ObserverRing(eight, null, HeartbeatMs);
        var nine = new ObserverRing(Running(local: 1, count: ObserverRing.AutoEveryPeerUpTo + 1), null, HeartbeatMs);

        Assert.True(eightRing.EveryPeer);
        Assert.Equal(7, eightRing.Observed.Count);
        Assert.Equal(7, eightRing.ObserversOf(Address(1)).Count);
        Assert.False(nine.EveryPeer);
        Assert.Equal(ObserverRing.AutoObservers, nine.ObserversOf(Address(1)).Count);

        // The crashed peer stays on the ring, so a conviction does not switch the survivors to three observers.
        eight.Convict(Address(2), NowMs + 1_000);
        Assert.True(eightRing.EveryPeer);
        Assert.Equal(7, eightRing.Observed.Count);
        Assert.Contains(Address(2), eightRing.Targets(NowMs + 1_000));
    }

    [Fact]
    public void A_node_that_goes_DOWN_is_skipped_and_the_next_one_up_takes_its_place()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var before = ring.ObserversOf(core.LocalEndpoint);
        var order = Enumerable.Range(1, 10).Select(Address).OrderBy(ObserverRing.HashOf).ThenBy(a => a).ToList();
        var fourth = order[(order.IndexOf(core.LocalEndpoint) + 4) % 10];

        core.Convict(before[0], NowMs + 1_000);

        Assert.Equal([before[1], before[2], fourth], ring.ObserversOf(core.LocalEndpoint));
    }

    [Fact]
    public void A_node_that_joins_between_a_node_and_its_observers_displaces_the_last_one()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var order = Enumerable.Range(1, 10).Select(Address).OrderBy(ObserverRing.HashOf).ThenBy(a => a).ToList();
        var newcomer = Enumerable.Range(11, 200).Select(Address)
            .First(a => ObserverRing.HashOf(a) > ObserverRing.HashOf(order[0]) && ObserverRing.HashOf(a) < ObserverRing.HashOf(order[1]));
        var before = ring.ObserversOf(order[0]);

        core.PreloadLiveEndpoints([KeyValuePair.Create(newcomer, EndpointState.Create(new HeartBeatState(PeerGeneration, 1)))], NowMs);

        Assert.Equal([newcomer, before[0], before[1]], ring.ObserversOf(order[0]));
    }

    [Fact]
    public void A_node_that_stops_being_an_observer_here_gets_heartbeats_while_it_watches_then_not()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var first = ring.ObserversOf(core.LocalEndpoint)[0];
        Assert.True(ring.Watched(first, new GossipWatch(PeerGeneration), NowMs));

        core.Convict(first, NowMs + 1_000);

        Assert.DoesNotContain(first, ring.ObserversOf(core.LocalEndpoint));
        Assert.Contains(first, ring.Targets(NowMs + 1_000));
        Assert.Contains(first, ring.Targets(NowMs + ObserverRing.WatchLeaseMs - 1));
        Assert.DoesNotContain(first, ring.Targets(NowMs + ObserverRing.WatchLeaseMs));
        Assert.Equal(K, ring.Targets(NowMs + ObserverRing.WatchLeaseMs).Count);
    }

    [Fact]
    public void A_watch_from_a_node_not_known_here_or_from_an_earlier_incarnation_is_ignored()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var notObserver = Enumerable.Range(2, 9).Select(Address).First(a => !ring.ObserversOf(core.LocalEndpoint).Contains(a));

        Assert.False(ring.Watched(Address(99), new GossipWatch(PeerGeneration), NowMs));
        Assert.False(ring.Watched(notObserver, new GossipWatch(PeerGeneration - 1), NowMs));
        Assert.DoesNotContain(Address(99), ring.Targets(NowMs));
        Assert.DoesNotContain(notObserver, ring.Targets(NowMs));

        Assert.True(ring.Watched(notObserver, new GossipWatch(PeerGeneration), NowMs));
        Assert.Contains(notObserver, ring.Targets(NowMs));
    }

    [Fact]
    public void An_observer_watches_at_once_renews_every_five_seconds_and_asks_again_after_two_silent_intervals()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var subject = ring.Observed.Order().First();
        var heartbeat = new GossipHeartbeat(PeerGeneration);

        Assert.Equal(ring.Observed.Order(), ring.WatchTargets(NowMs).Order());

        // Heard every interval: nothing until the renewal.
        long now;
        for (now = NowMs + HeartbeatMs; now < NowMs + ObserverRing.WatchRenewalMs; now += HeartbeatMs)
        {
            foreach (var observed in ring.Observed)
            {
                Assert.True(ring.Accepts(observed, heartbeat, now));
            }

            Assert.Empty(ring.WatchTargets(now));
        }

        Assert.Equal(ring.Observed.Order(), ring.WatchTargets(now).Order());

        // Then the subject falls silent (the others keep sending): asked again two intervals after its last heartbeat,
        // and once an interval after that.
        var lastHeard = now - HeartbeatMs;
        foreach (var observed in ring.Observed.Where(o => o != subject))
        {
            ring.Accepts(observed, heartbeat, now + HeartbeatMs);
            ring.Accepts(observed, heartbeat, now + (2 * HeartbeatMs));
            ring.Accepts(observed, heartbeat, now + (3 * HeartbeatMs));
        }

        Assert.Empty(ring.WatchTargets(lastHeard + (2 * HeartbeatMs) - 100));
        Assert.Equal([subject], ring.WatchTargets(lastHeard + (2 * HeartbeatMs)));
        Assert.Empty(ring.WatchTargets(lastHeard + (2 * HeartbeatMs) + 100));
        Assert.Equal([subject], ring.WatchTargets(lastHeard + (3 * HeartbeatMs)));

        // Convicted here: its silence is known, so only the renewal asks again.
        core.Convict(subject, lastHeard + (3 * HeartbeatMs));
        Assert.DoesNotContain(subject, ring.WatchTargets(lastHeard + (4 * HeartbeatMs)));
        Assert.Contains(subject, ring.WatchTargets(lastHeard + (3 * HeartbeatMs) + ObserverRing.WatchRenewalMs));
    }

    [Fact]
    public void Heartbeats_count_only_from_the_nodes_this_node_observes()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var observed = Assert.Single(ring.Observed.Take(1));
        var notObserved = Enumerable.Range(2, 9).Select(Address).First(a => !ring.Observes(a));

        Assert.True(ring.Accepts(observed, new GossipHeartbeat(PeerGeneration), NowMs));
        Assert.False(ring.Accepts(notObserved, new GossipHeartbeat(PeerGeneration), NowMs));
    }

    [Fact]
    public void A_peer_that_claims_this_node_unreachable_gets_its_heartbeats_so_it_can_withdraw()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var accuser = Enumerable.Range(2, 9).Select(Address).First(a => !ring.ObserversOf(core.LocalEndpoint).Contains(a));
        Assert.DoesNotContain(accuser, ring.Targets(NowMs));

        core.Receive(Claims(core, accuser, Claim(1), version: 2), NowMs + 1_000);

        Assert.Equal([accuser], core.Accusers);
        Assert.Contains(accuser, ring.Targets(NowMs + 1_000));
        Assert.Equal(GossipNodePhase.Running, core.Phase);
    }
}
