namespace GossipActors.AdminClient.Safety;

/// <summary>One peer's current phi, the only input the assassination rule needs.</summary>
public readonly record struct PeerPhi(string Address, double Phi);
