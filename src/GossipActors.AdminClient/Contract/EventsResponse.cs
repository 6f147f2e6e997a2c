namespace GossipActors.AdminClient.Contract;

/// <summary>
/// <c>GET /events</c>: the answering node's most recent membership events, oldest first (at most
/// <see cref="Capacity"/>; older ones are dropped, and <see cref="Dropped"/> counts them).
/// </summary>
/// <param name="LocalEndpoint">The answering node's gossip address.</param>
/// <param name="Capacity">How many events the node keeps.</param>
/// <param name="Dropped">Events dropped because the log was full, since the node started.</param>
/// <param name="Events">The kept events, oldest first.</param>
public sealed record EventsResponse(string LocalEndpoint, int Capacity, long Dropped, IReadOnlyList<MembershipEventEntry> Events);

/// <param name="Sequence">1 for the node's first event, then one more per event: a client asks again and skips what it has.</param>
/// <param name="At">When the answering node saw it.</param>
/// <param name="Kind">JOINED, UP, DOWN, REMOVED or RESTARTED.</param>
/// <param name="Endpoint">The member it is about, HOST:PORT.</param>
/// <param name="Detail">The reason (DOWN, REMOVED, RESTARTED); empty otherwise.</param>
public sealed record MembershipEventEntry(long Sequence, DateTimeOffset At, string Kind, string Endpoint, string Detail);
