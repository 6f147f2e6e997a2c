using GossipActors.AdminClient.Contract;
using GossipActors.Gossip.Cluster;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// The last membership events of this node, for <c>GET /events</c> and the dashboard: an operator who opens the page
/// after an incident sees what happened, not only what happens next. Application-state changes are left out (LOAD alone
/// would push everything else out).
/// </summary>
public sealed class MembershipEventLog(int capacity)
{
    private readonly Queue<MembershipEventEntry> _events = new(capacity);
    private readonly Lock _gate = new();
    private long _sequence;
    private long _dropped;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be positive");

    public void Record(ClusterEvent clusterEvent)
    {
        if (Entry(clusterEvent) is not var (kind, endpoint, detail))
        {
            return;
        }

        lock (_gate)
        {
            if (_events.Count == Capacity)
            {
                _events.Dequeue();
                _dropped++;
            }

            _events.Enqueue(new MembershipEventEntry(++_sequence, clusterEvent.At, kind, endpoint, detail));
        }
    }

    public (IReadOnlyList<MembershipEventEntry> Events, long Dropped) Snapshot()
    {
        lock (_gate)
        {
            return ([.. _events], _dropped);
        }
    }

    private static (string Kind, string Endpoint, string Detail)? Entry(ClusterEvent clusterEvent) => clusterEvent switch
    {
        MemberJoined e => ("JOINED", e.Endpoint.ToString(), string.Empty),
        MemberUp e => ("UP", e.Endpoint.ToString(), string.Empty),
        MemberDown e => ("DOWN", e.Endpoint.ToString(), e.Reason),
        MemberRemoved e => ("REMOVED", e.Endpoint.ToString(), e.Reason),
        MemberRestarted e => ("RESTARTED", e.Endpoint.ToString(), e.Reason),
        _ => null,
    };
}
