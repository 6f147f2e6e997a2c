using System.Collections.Immutable;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Keeps <see cref="ClusterSnapshot"/> current for readers on any thread. Only the gossiper calls it: after each core
/// call it names the endpoints the call may have changed, and <see cref="Publish"/> rebuilds just those members
/// (an O(log n) update of an immutable map each) and swaps the new snapshot in with a volatile write, before any
/// event of that call leaves the gossiper. A call that changed nothing a member shows (most heartbeats) costs nothing.
/// </summary>
/// <remarks>
/// The core reports a member change as a membership event, except a liveness move that is not to or from UP: an echo
/// sent (UNKNOWN to ECHO_PENDING, seen here as the echo in the output) and a mark-down of an endpoint that was not UP
/// (a conviction, a shutdown announcement, an assassination; the gossiper names those endpoints itself).
/// A phase change rebuilds everything: starting writes the local state without events.
/// </remarks>
internal sealed class ClusterSnapshotPublisher
{
    private readonly HashSet<EndpointAddress> _touched = [];
    private ClusterSnapshot _current;

    public ClusterSnapshotPublisher(GossipNodeCore core)
    {
        _current = Rebuild(core, 0);
    }

    public ClusterSnapshot Current => Volatile.Read(ref _current);

    public void Touch(EndpointAddress endpoint) => _touched.Add(endpoint);

    /// <summary>Applies what was touched since the last call; returns the version now current.</summary>
    public long Publish(GossipNodeCore core)
    {
        var current = _current;
        if (core.Phase != current.Phase)
        {
            _touched.Clear();
            Volatile.Write(ref _current, Rebuild(core, current.Version + 1));
            return current.Version + 1;
        }

        if (_touched.Count == 0)
        {
            return current.Version;
        }

        ImmutableDictionary<EndpointAddress, MemberSnapshot>.Builder? changed = null;
        foreach (var endpoint in _touched)
        {
            var member = MemberOf(core, endpoint);
            if (member == current.Member(endpoint))
            {
                continue;
            }

            changed ??= current.ByEndpoint.ToBuilder();
            if (member is null)
            {
                changed.Remove(endpoint);
            }
            else
            {
                changed[endpoint] = member;
            }
        }

        _touched.Clear();
        if (changed is null)
        {
            return current.Version;
        }

        Volatile.Write(ref _current, new ClusterSnapshot(current.Version + 1, core.LocalEndpoint, core.Phase, changed.ToImmutable()));
        return current.Version + 1;
    }

    private static ClusterSnapshot Rebuild(GossipNodeCore core, long version)
    {
        var members = ImmutableDictionary.CreateBuilder<EndpointAddress, MemberSnapshot>();
        foreach (var (endpoint, _) in core.Snapshot().States)
        {
            members[endpoint] = MemberOf(core, endpoint)!;
        }

        return new ClusterSnapshot(version, core.LocalEndpoint, core.Phase, members.ToImmutable());
    }

    private static MemberSnapshot? MemberOf(GossipNodeCore core, EndpointAddress endpoint)
    {
        if (core.Table.Get(endpoint) is not { } state)
        {
            return null;
        }

        var isLocal = endpoint == core.LocalEndpoint;
        return new MemberSnapshot(endpoint, isLocal, isLocal ? LivenessStatus.Up : core.LivenessOf(endpoint), state.HeartBeat.Generation, state.ApplicationStates);
    }
}
