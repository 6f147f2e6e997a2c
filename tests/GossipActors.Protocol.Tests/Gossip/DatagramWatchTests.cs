using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using Xunit;
using static GossipActors.Protocol.Tests.Gossip.ClusterOfCores;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>
/// Heartbeats as datagrams (<c>remote.heartbeat-datagrams</c>): the observer asks for them in its watch, the subject
/// sends them so only to whoever asked, and an observer whose subject fell silent asks for the stream (a path may drop
/// UDP) until <see cref="ObserverRing.StreamFallbackMs"/> has passed.
/// </summary>
public sealed class DatagramWatchTests
{
    private const int K = 3;
    private const long HeartbeatMs = 500;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_watch_asks_for_datagrams_only_when_this_node_takes_them(bool datagrams)
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs, datagrams);

        var duty = HeartbeatDuty.Run(core, ring, NowMs);

        Assert.Equal(ring.Observed.Order(), duty.WatchTargets.Order());
        Assert.All(duty.Watches, watch => Assert.Equal(new GossipWatch(PeerGeneration, datagrams), watch.Value));
    }

    [Fact]
    public void The_subject_sends_datagrams_to_the_observers_that_asked_and_the_stream_to_every_other_target()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs);
        var observers = ring.ObserversOf(core.LocalEndpoint);
        var notObserver = Enumerable.Range(2, 9).Select(Address).First(a => !observers.Contains(a));
        Assert.True(ring.Watched(observers[0], new GossipWatch(PeerGeneration, Datagrams: true), NowMs));
        Assert.True(ring.Watched(observers[1], new GossipWatch(PeerGeneration, Datagrams: false), NowMs));
        Assert.True(ring.Watched(notObserver, new GossipWatch(PeerGeneration, Datagrams: true), NowMs));

        var duty = HeartbeatDuty.Run(core, ring, NowMs);

        Assert.Equal(new[] { observers[0], notObserver }.Order(), duty.DatagramTargets.Order());
        Assert.Equal(new[] { observers[1], observers[2] }.Order(), duty.Targets.Order());

        // A later watch decides: the observer that fell back to the stream gets the stream.
        Assert.True(ring.Watched(observers[0], new GossipWatch(PeerGeneration, Datagrams: false), NowMs + 1_000));
        Assert.DoesNotContain(observers[0], HeartbeatDuty.Run(core, ring, NowMs + 1_000).DatagramTargets);
    }

    [Fact]
    public void An_observer_whose_subject_falls_silent_asks_for_the_stream_for_ten_seconds_then_for_datagrams_again()
    {
        var core = Running(local: 1, count: 10);
        var ring = new ObserverRing(core, K, HeartbeatMs, datagrams: true);
        var subject = ring.Observed.Order().First();
        var others = ring.Observed.Where(o => o != subject).ToList();
        var heartbeat = new GossipHeartbeat(PeerGeneration);
        Assert.True(WatchOf(ring, subject, NowMs)!.Datagrams);

        // Nothing from the subject (its datagrams are dropped on the way); the others are heard every interval.
        GossipWatch? fallback = null;
        long now;
        for (now = NowMs + HeartbeatMs; fallback is null && now <= NowMs + (3 * HeartbeatMs); now += HeartbeatMs)
        {
            others.ForEach(o => ring.Accepts(o, heartbeat, now));
            fallback = WatchOf(ring, subject, now);
        }

        Assert.Equal(new GossipWatch(PeerGeneration, Datagrams: false), fallback);
        var fellBackAt = now - HeartbeatMs;
        Assert.Equal(NowMs + (2 * HeartbeatMs), fellBackAt);

        // On the stream the heartbeats come: renewals ask for the stream until the ten seconds are over, then for datagrams.
        for (now = fellBackAt + HeartbeatMs; now <= fellBackAt + ObserverRing.StreamFallbackMs + ObserverRing.WatchRenewalMs; now += HeartbeatMs)
        {
            ring.Accepts(subject, heartbeat, now);
            others.ForEach(o => ring.Accepts(o, heartbeat, now));
            if (WatchOf(ring, subject, now) is { } renewal)
            {
                Assert.Equal(now >= fellBackAt + ObserverRing.StreamFallbackMs, renewal.Datagrams);
            }
        }

        Assert.True(ring.WatchFor(subject, now).Datagrams);
    }

    private static GossipWatch? WatchOf(ObserverRing ring, Model.EndpointAddress subject, long nowMs) =>
        ring.WatchTargets(nowMs).Contains(subject) ? ring.WatchFor(subject, nowMs) : null;
}
