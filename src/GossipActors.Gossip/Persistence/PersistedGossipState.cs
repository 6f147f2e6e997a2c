namespace GossipActors.Gossip.Persistence;

/// <summary>This node's identity across restarts: the host id and the last generation it used.</summary>
public sealed record PersistedLocalNode(Guid HostId, int Generation);

/// <summary>A peer remembered from earlier runs, so a restart can gossip with it while the seeds are down.</summary>
public sealed record PersistedPeer(string Address, Guid? HostId, string? Dc, string? Rack, long LastSeenMs);

/// <summary>The on-disk shape of the peers file; the format version lets later releases migrate it.</summary>
public sealed record PeerTableFile(int FormatVersion, IReadOnlyList<PersistedPeer> Peers);

/// <summary>What was read from the data directory, and what was wrong with it.</summary>
public sealed record GossipStateLoadResult(PersistedLocalNode? Local, IReadOnlyList<PersistedPeer> Peers, IReadOnlyList<string> Warnings);
