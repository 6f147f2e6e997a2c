using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Rendering;

namespace GossipActors.AdminClient.Safety;

/// <summary>
/// Assassinating while the cluster is unstable can remove a node that is merely slow, so it is refused
/// while more than 20 % of the peers look suspicious (phi above 7.5), unless forced. The target is not
/// counted: it is expected to look dead, and counting it would block every assassination in a small
/// cluster. A NaN phi counts as suspicious because it means the detector cannot judge the peer.
/// Both gossipctl (before it sends anything) and the node (authoritatively) apply this rule.
/// </summary>
public static class AssassinationSafety
{
    public const double SuspicionPhi = 7.5;
    public const int MaxSuspiciousPercent = 20;

    public static AssassinationVerdict Evaluate(string target, IEnumerable<PeerPhi> peers, bool force)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(peers);

        var considered = peers
            .Where(p => !string.Equals(p.Address, target, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var suspicious = considered.Where(p => !(p.Phi <= SuspicionPhi)).ToList();

        // Integer form of suspicious / considered > 20 %, so 1 of 5 (exactly 20 %) is allowed.
        var unstable = suspicious.Count * 100 > MaxSuspiciousPercent * considered.Count;
        var summary = Summary(suspicious, considered.Count);

        if (!unstable)
        {
            return new AssassinationVerdict(true, $"allowed: {summary}", suspicious, considered.Count);
        }

        return force
            ? new AssassinationVerdict(true, $"forced despite an unstable cluster: {summary}", suspicious, considered.Count)
            : new AssassinationVerdict(
                false,
                $"refused: {summary}; more than {MaxSuspiciousPercent} % means the cluster is unstable and a live node could be removed; wait for phi to settle or pass --force",
                suspicious,
                considered.Count);
    }

    /// <summary>Applies the rule to a failure detector answer, as gossipctl does before sending.</summary>
    public static AssassinationVerdict Evaluate(string target, FailureDetectorResponse detector, bool force)
    {
        ArgumentNullException.ThrowIfNull(detector);
        return Evaluate(target, detector.Endpoints.Select(e => new PeerPhi(e.Address, e.Phi)), force);
    }

    private static string Summary(IReadOnlyList<PeerPhi> suspicious, int considered)
    {
        var percent = considered == 0 ? 0 : 100.0 * suspicious.Count / considered;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{suspicious.Count} of {considered} other peers ({percent:0.#} %) have phi above {SuspicionPhi:0.0#}");
        if (suspicious.Count == 0)
        {
            return text;
        }

        var names = string.Join(", ", suspicious.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Address} phi {Phi.Format(p.Phi)}")));
        return $"{text} ({names})";
    }
}
