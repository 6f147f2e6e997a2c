using System.Globalization;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.AdminClient.Safety;

/// <summary>
/// Whether a node's failure detector can be trusted right now: not while more than a given share of its live
/// peers (UP, STATUS not dead) look suspicious (phi above a level, or a phi the detector cannot give). The
/// assassination gate and <c>gossipctl check</c> both ask this, with the same defaults (7.5, 20 %).
/// </summary>
public static class ClusterStability
{
    /// <param name="peers">The peers to judge; those that are not live are left out, the caller leaves out anything else.</param>
    /// <param name="suspicionPhi">A live peer with a phi above this (or none) is suspicious.</param>
    /// <param name="maxSuspiciousPercent">More suspicious live peers than this share makes the cluster unstable.</param>
    public static StabilityFigures Judge(IEnumerable<PeerLiveness> peers, double suspicionPhi, double maxSuspiciousPercent)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var live = peers.Where(p => p.IsLive).ToList();
        var suspicious = live.Where(p => !(p.Phi <= suspicionPhi)).ToList();
        return new StabilityFigures(live.Count, suspicious, suspicionPhi, maxSuspiciousPercent);
    }
}

/// <param name="LivePeers">Peers UP whose STATUS is not a dead state.</param>
/// <param name="Suspicious">The live peers with a phi above <paramref name="SuspicionPhi"/> or none.</param>
/// <param name="SuspicionPhi">The level they were judged against.</param>
/// <param name="MaxSuspiciousPercent">The share of suspicious live peers tolerated.</param>
public sealed record StabilityFigures(int LivePeers, IReadOnlyList<PeerLiveness> Suspicious, double SuspicionPhi, double MaxSuspiciousPercent)
{
    /// <summary>Exactly the tolerated share (1 of 5 at 20 %) is still stable; no live peers is stable.</summary>
    public bool Unstable => Suspicious.Count * 100.0 > MaxSuspiciousPercent * LivePeers;

    public double SuspiciousPercent => LivePeers == 0 ? 0 : 100.0 * Suspicious.Count / LivePeers;

    /// <summary>One clause for messages: <c>2 of 5 live peers (40 %) have phi above 7.5 (a phi 9.10, b phi NaN)</c>.</summary>
    public string Describe()
    {
        if (LivePeers == 0)
        {
            return "no other live peers";
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{Suspicious.Count} of {LivePeers} live peers ({SuspiciousPercent:0.#} %) have phi above {SuspicionPhi:0.0#}");
        if (Suspicious.Count == 0)
        {
            return text;
        }

        var names = string.Join(", ", Suspicious.Select(p => $"{p.Address} phi {(p.Phi is { } phi ? Phi.Format(phi) : "unknown")}"));
        return $"{text} ({names})";
    }
}
