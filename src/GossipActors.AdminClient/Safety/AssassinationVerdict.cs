namespace GossipActors.AdminClient.Safety;

/// <summary>The rule's answer and the one-line reason an operator sees either way.</summary>
/// <param name="Allowed">True when the assassination may go ahead.</param>
/// <param name="Reason">Why, naming the counts and the suspicious peers.</param>
/// <param name="SuspiciousPeers">Peers (the target excluded) with phi above the suspicion level.</param>
/// <param name="PeersConsidered">Peers counted (the target excluded).</param>
public sealed record AssassinationVerdict(bool Allowed, string Reason, IReadOnlyList<PeerPhi> SuspiciousPeers, int PeersConsidered);
