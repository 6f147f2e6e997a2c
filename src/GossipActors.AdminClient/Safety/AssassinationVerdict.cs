namespace GossipActors.AdminClient.Safety;

/// <summary>The rules' answer and the one-line reason an operator sees either way.</summary>
/// <param name="Allowed">True when the assassination may go ahead (no rule objected, or it was forced).</param>
/// <param name="Reason">Why, naming the rule that objected and its figures.</param>
/// <param name="Objections">The rules that refused, or that <c>--force</c> overrode; empty when none objected.</param>
/// <param name="SuspiciousPeers">Live peers (the target excluded) with phi above the suspicion level, or unknown.</param>
/// <param name="PeersConsidered">Live peers counted by the cluster-stability rule (the target excluded).</param>
public sealed record AssassinationVerdict(
    bool Allowed,
    string Reason,
    IReadOnlyList<AssassinationRule> Objections,
    IReadOnlyList<PeerLiveness> SuspiciousPeers,
    int PeersConsidered)
{
    /// <summary>True when <c>--force</c> overrode at least one rule that would have refused.</summary>
    public bool Forced => Allowed && Objections.Count > 0;
}
