namespace GossipActors.Protocol.Clock;

/// <summary>
/// What this node believes of one peer's clock: its skew (peer minus us, positive when the peer is ahead), the round
/// trip of the sample that figure comes from (the skew is right to within half of it), when that sample was taken
/// (this node's clock, Unix ms), and how many samples the window holds.
/// </summary>
public readonly record struct ClockSkewEstimate(long SkewMs, long RoundTripMs, long AtMs, int Samples)
{
    /// <summary>How far off <see cref="SkewMs"/> can be: half the round trip it was measured over.</summary>
    public long ErrorBoundMs => RoundTripMs / 2;
}
