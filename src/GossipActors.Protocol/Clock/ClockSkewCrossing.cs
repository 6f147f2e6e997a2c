using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Clock;

/// <summary>
/// A peer's estimated skew went above <c>gossip.clock-skew-warning</c> (<paramref name="Above"/>) or came back under
/// it. Reported once per crossing, so a skewed peer is named once, not every round.
/// </summary>
public readonly record struct ClockSkewCrossing(EndpointAddress Peer, bool Above, ClockSkewEstimate Estimate, long WarningMs)
{
    /// <summary>The log line, in the style of the configuration-drift warning: what, who, the figures, where to look.</summary>
    public string Describe() => Above
        ? $"clock skew: {Peer} is {Signed(Estimate.SkewMs)} ms off this node's clock (measured over a {Estimate.RoundTripMs} ms round trip, so within ±{Estimate.ErrorBoundMs} ms), beyond gossip.clock-skew-warning ({WarningMs} ms); check NTP on both machines, see gossipctl failuredetector"
        : $"clock skew: {Peer} is back within gossip.clock-skew-warning ({WarningMs} ms): {Signed(Estimate.SkewMs)} ms off this node's clock (round trip {Estimate.RoundTripMs} ms)";

    private static string Signed(long ms) => ms.ToString("+0;-0;0", System.Globalization.CultureInfo.InvariantCulture);
}
