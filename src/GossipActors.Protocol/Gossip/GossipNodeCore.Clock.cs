using GossipActors.Protocol.Clock;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Clock skew: this node stamps its ACKs and ACK2s with its clock (<see cref="GossipNodeOptions.ClockOffsetMs"/> added,
/// the fault-injection hook) and reads the peers' stamps into a <see cref="ClockSkewEstimator"/>; a peer whose skew
/// crosses <c>gossip.clock-skew-warning</c> is named in a warning, once per crossing.
/// </summary>
public sealed partial class GossipNodeCore
{
    private readonly ClockSkewEstimator _clocks;

    /// <summary>Each peer's estimated clock skew (peer minus this node), for the peers with at least one sample.</summary>
    public IEnumerable<KeyValuePair<EndpointAddress, ClockSkewEstimate>> ClockSkews() => _clocks.Estimates();

    public bool TryGetClockSkew(EndpointAddress peer, out ClockSkewEstimate estimate) => _clocks.TryGet(peer, out estimate);

    /// <summary>This node's clock as it stamps gossip, in Unix ms: the caller's time plus the injected offset.</summary>
    private long ClockMs(long nowMs) => nowMs + Options.ClockOffsetMs;

    private void SynSent(EndpointAddress peer, long nowMs)
    {
        if (!Options.DiscardClockSamples)
        {
            _clocks.SynSent(peer, ClockMs(nowMs));
        }
    }

    /// <summary>This node's direct heartbeat, stamped with its clock so the receiver can time its transit.</summary>
    public GossipHeartbeat StampedHeartbeat(long nowMs) => new(Generation, ClockMs(nowMs));

    /// <summary>
    /// How long <paramref name="peer"/>'s heartbeat stamped <paramref name="peerSentMs"/> (its clock) took to arrive here
    /// at <paramref name="nowMs"/>: the stamp is first brought onto this node's clock by the peer's estimated skew
    /// (when there is no estimate yet, the clocks are taken to agree; <paramref name="corrected"/> says which).
    /// </summary>
    public long HeartbeatTransitMs(EndpointAddress peer, long peerSentMs, long nowMs, out bool corrected)
    {
        corrected = _clocks.TryGet(peer, out var skew);
        return ClockMs(nowMs) - (peerSentMs - (corrected ? skew.SkewMs : 0));
    }

    private GossipDigestAck Stamped(GossipDigestAck ack, long nowMs) => ack with { SentAtMs = ClockMs(nowMs) };

    /// <summary>The ACK2 answering <paramref name="ack"/>, stamped when the ACK was: the responder reads its round trip from it.</summary>
    private GossipDigestAck2 Stamped(GossipDigestAck2 ack2, GossipDigestAck ack, long nowMs) =>
        ack.SentAtMs is { } ackSentAt ? ack2 with { Clock = new ClockEcho(ackSentAt, ClockMs(nowMs)) } : ack2;

    private void ReadClock(EndpointAddress from, GossipDigestAck ack, long nowMs, GossipOutput output)
    {
        if (ack.SentAtMs is { } peerMs && !Options.DiscardClockSamples)
        {
            Report(_clocks.AckReceived(from, peerMs, ClockMs(nowMs)), output);
        }
    }

    private void ReadClock(EndpointAddress from, GossipDigestAck2 ack2, long nowMs, GossipOutput output)
    {
        if (ack2.Clock is { } clock && !Options.DiscardClockSamples && _table.Contains(from))
        {
            Report(_clocks.Ack2Received(from, clock.AckSentAtMs, clock.SentAtMs, ClockMs(nowMs)), output);
        }
    }

    private static void Report(ClockSkewCrossing? crossing, GossipOutput output)
    {
        if (crossing is { } value)
        {
            output.Warnings.Add(new GossipWarning(
                value.Above ? GossipWarningKind.ClockSkew : GossipWarningKind.ClockSkewRecovered,
                value.Peer,
                value.Describe()));
        }
    }
}
