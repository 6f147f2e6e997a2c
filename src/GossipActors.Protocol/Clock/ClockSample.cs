namespace GossipActors.Protocol.Clock;

/// <summary>
/// One reading of a peer's clock against this node's, from one gossip exchange: the peer's clock minus ours
/// (<paramref name="OffsetMs"/>, positive when the peer is ahead), the round trip it was measured over (its error bound
/// is half of it), and when it was taken (this node's clock).
/// </summary>
public readonly record struct ClockSample(long OffsetMs, long RoundTripMs, long AtMs)
{
    /// <summary>
    /// NTP's reading: we sent at <paramref name="sentMs"/> and heard back at <paramref name="receivedMs"/> (both our
    /// clock); the peer stamped <paramref name="peerMs"/> in between. Assuming the two legs took equally long, the
    /// peer's stamp was taken at the midpoint, so its offset is the stamp minus the midpoint, wrong by at most half
    /// the round trip. Null when the round trip is negative (our clock stepped back between the two readings).
    /// </summary>
    public static ClockSample? FromExchange(long sentMs, long peerMs, long receivedMs)
    {
        var roundTrip = receivedMs - sentMs;
        if (roundTrip < 0)
        {
            return null;
        }

        // sent + roundTrip / 2 without overflow, rounded down: the error is within the bound anyway.
        return new ClockSample(peerMs - (sentMs + (roundTrip / 2)), roundTrip, receivedMs);
    }
}
