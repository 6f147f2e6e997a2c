using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Clock;

/// <summary>
/// Per peer, an NTP-style estimate of its clock against this node's, fed by the timestamps of gossip exchanges: the
/// responder's clock in an ACK (read against when our SYN left and when its ACK came back) and the initiator's in an
/// ACK2 (read against the ACK's own stamp, which the ACK2 echoes, and when the ACK2 came back). Each peer keeps the
/// last <see cref="WindowSize"/> samples and reports the one with the shortest round trip, as NTP's clock filter does:
/// its error bound is the smallest, and a sample that waited in a queue on one leg only is the one it leaves out.
/// Pure logic on the times it is given (both clocks in Unix ms), so the actor and the simulations drive the same code.
/// </summary>
public sealed class ClockSkewEstimator(long warningMs)
{
    /// <summary>Samples kept per peer: enough to find one that no queue delayed, few enough to follow a clock step within seconds.</summary>
    public const int WindowSize = 8;

    private readonly Dictionary<EndpointAddress, PeerClock> _peers = [];

    /// <summary>|skew| above which a peer is reported (<c>gossip.clock-skew-warning</c>).</summary>
    public long WarningMs { get; } = warningMs >= 0 ? warningMs : throw new ArgumentOutOfRangeException(nameof(warningMs), warningMs, "gossip.clock-skew-warning must not be negative");

    /// <summary>
    /// A SYN left for <paramref name="peer"/> at <paramref name="localMs"/>. The first unanswered one is kept: an ACK that
    /// answers an earlier SYN than the kept one would give a round trip too short, which the filter would prefer.
    /// </summary>
    public void SynSent(EndpointAddress peer, long localMs)
    {
        var clock = For(peer);
        clock.PendingSynMs ??= localMs;
    }

    /// <summary>The ACK <paramref name="peer"/> stamped with <paramref name="peerMs"/> arrived at <paramref name="localMs"/>.</summary>
    public ClockSkewCrossing? AckReceived(EndpointAddress peer, long peerMs, long localMs)
    {
        if (!_peers.TryGetValue(peer, out var clock) || clock.PendingSynMs is not { } sentMs)
        {
            return null;
        }

        clock.PendingSynMs = null;
        return Add(peer, clock, ClockSample.FromExchange(sentMs, peerMs, localMs));
    }

    /// <summary>
    /// The ACK2 from <paramref name="peer"/> arrived at <paramref name="localMs"/>, echoing the stamp of the ACK it answers
    /// (<paramref name="ackSentMs"/>, our clock) and stamped by the peer with <paramref name="peerMs"/>.
    /// </summary>
    public ClockSkewCrossing? Ack2Received(EndpointAddress peer, long ackSentMs, long peerMs, long localMs) =>
        Add(peer, For(peer), ClockSample.FromExchange(ackSentMs, peerMs, localMs));

    public bool TryGet(EndpointAddress peer, out ClockSkewEstimate estimate)
    {
        if (_peers.TryGetValue(peer, out var clock) && clock.Count > 0)
        {
            estimate = clock.Estimate();
            return true;
        }

        estimate = default;
        return false;
    }

    /// <summary>Every peer with at least one sample.</summary>
    public IEnumerable<KeyValuePair<EndpointAddress, ClockSkewEstimate>> Estimates()
    {
        foreach (var (peer, clock) in _peers)
        {
            if (clock.Count > 0)
            {
                yield return KeyValuePair.Create(peer, clock.Estimate());
            }
        }
    }

    /// <summary>The peer left or was evicted: its samples belong to a machine that may not come back.</summary>
    public void Forget(EndpointAddress peer) => _peers.Remove(peer);

    private PeerClock For(EndpointAddress peer)
    {
        if (!_peers.TryGetValue(peer, out var clock))
        {
            clock = new PeerClock();
            _peers.Add(peer, clock);
        }

        return clock;
    }

    private ClockSkewCrossing? Add(EndpointAddress peer, PeerClock clock, ClockSample? sample)
    {
        if (sample is not { } value)
        {
            return null;
        }

        clock.Add(value);
        var estimate = clock.Estimate();
        // Warned only when the skew is beyond the limit even at the near end of its error bound: while a cluster starts,
        // round trips of a few hundred ms (starved processes) make estimates of ±100 ms that say nothing about the clocks.
        // Cleared once the estimate itself is back within the limit.
        var above = clock.Warned
            ? Math.Abs(estimate.SkewMs) > WarningMs
            : Math.Abs(estimate.SkewMs) - estimate.ErrorBoundMs > WarningMs;
        if (above == clock.Warned)
        {
            return null;
        }

        clock.Warned = above;
        return new ClockSkewCrossing(peer, above, estimate, WarningMs);
    }

    private sealed class PeerClock
    {
        private readonly ClockSample[] _window = new ClockSample[WindowSize];
        private int _next;

        public int Count { get; private set; }

        public long? PendingSynMs { get; set; }

        public bool Warned { get; set; }

        public void Add(ClockSample sample)
        {
            _window[_next] = sample;
            _next = (_next + 1) % WindowSize;
            Count = Math.Min(Count + 1, WindowSize);
        }

        /// <summary>The sample with the shortest round trip; of equals, the newest (the clock may have moved since).</summary>
        public ClockSkewEstimate Estimate()
        {
            var best = -1;
            for (var age = 0; age < Count; age++)
            {
                var i = ((_next - 1 - age) % WindowSize + WindowSize) % WindowSize;
                if (best < 0 || _window[i].RoundTripMs < _window[best].RoundTripMs)
                {
                    best = i;
                }
            }

            var chosen = _window[best];
            return new ClockSkewEstimate(chosen.OffsetMs, chosen.RoundTripMs, chosen.AtMs, Count);
        }
    }
}
