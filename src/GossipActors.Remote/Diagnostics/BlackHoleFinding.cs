using System.Globalization;

namespace GossipActors.Remote.Diagnostics;

/// <summary>
/// The operator-facing explanation of a stalled connection (seed 000): large segments vanish while small ones
/// pass, which is what a path with a smaller MTU and lost ICMP "fragmentation needed" looks like.
/// </summary>
public sealed record BlackHoleFinding(string Peer, int SegmentBytes, int? InterfaceMtu, int SuggestedMtu, TimeSpan StalledFor, ulong BytesAckedBefore)
{
    public override string ToString()
    {
        var mtu = InterfaceMtu?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"peer {Peer}: writes of {SegmentBytes}-byte segments are not acknowledged while small ones are; " +
            $"the path MTU is probably smaller than this host's interface MTU ({mtu}). " +
            $"Set remote.mtu to the path MTU (for example {SuggestedMtu}).");
    }
}
