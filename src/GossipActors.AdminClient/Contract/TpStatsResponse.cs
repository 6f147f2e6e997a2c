namespace GossipActors.AdminClient.Contract;

/// <summary><c>GET /tpstats</c>: per actor group, the mailbox pressure and outcome counters (like nodetool's thread pools).</summary>
public sealed record TpStatsResponse(IReadOnlyList<ActorGroupStats> Groups);

/// <param name="Group">Actor group path, for example <c>gossip/endpoints</c> or <c>gossip/rounds</c>.</param>
/// <param name="Actors">Live actors in the group now.</param>
/// <param name="MailboxDepth">Messages queued in the group's mailboxes now.</param>
/// <param name="Processed">Messages processed since start.</param>
/// <param name="Failed">Messages whose handler threw (the actor was then supervised).</param>
/// <param name="Dropped">Messages dropped (full mailbox, dead actor, superseded exchange).</param>
public sealed record ActorGroupStats(string Group, int Actors, long MailboxDepth, long Processed, long Failed, long Dropped);
