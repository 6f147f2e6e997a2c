namespace GossipActors.Actors;

/// <summary>One actor's counters at the moment they were read (the data behind <c>tpstats</c>).</summary>
/// <param name="Path">The actor's path.</param>
/// <param name="ActorType">The actor class name.</param>
/// <param name="MailboxDepth">User messages waiting.</param>
/// <param name="Processed">User messages processed since the actor was created (across restarts).</param>
/// <param name="Failed">Exceptions thrown by the actor since it was created.</param>
public sealed record ActorStats(string Path, string ActorType, int MailboxDepth, long Processed, long Failed);
