namespace GossipActors.Hosting.Admin;

/// <summary>One actor as tpstats shows it, at one moment.</summary>
/// <param name="Path">From below the guardian, e.g. <c>/gossip/rounds/round-7</c>.</param>
/// <param name="MailboxDepth">User messages waiting.</param>
/// <param name="Processed">User messages processed since the actor was created (across restarts).</param>
/// <param name="Failed">Exceptions thrown by the actor since it was created.</param>
public sealed record ActorStats(string Path, string ActorType, int MailboxDepth, long Processed, long Failed);
