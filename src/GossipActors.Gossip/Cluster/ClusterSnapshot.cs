using System.Collections.Immutable;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// One member in a <see cref="ClusterSnapshot"/>. No heartbeat version: it moves every second for every endpoint,
/// and a snapshot rebuilt that often would cost the gossiper more than the rest of its work (see
/// <see cref="IGossipCluster.GetMembersAsync"/> for the heartbeat).
/// </summary>
public sealed record MemberSnapshot(
    EndpointAddress Endpoint,
    bool IsLocal,
    LivenessStatus Liveness,
    int Generation,
    ImmutableSortedDictionary<string, VersionedValue> ApplicationStates)
{
    /// <summary>The STATUS application state (NORMAL, shutdown,true, LEFT,expiry...), or null.</summary>
    public string? Status => ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Status)?.Value;

    public string? Get(string key) => ApplicationStates.GetValueOrDefault(key)?.Value;

    public bool IsUp => Liveness == LivenessStatus.Up;
}

/// <summary>
/// A node's members at one point of its gossiper's history, immutable: read it from any thread through
/// <see cref="IGossipCluster.CurrentSnapshot"/> without asking the gossiper. A new one (with a greater
/// <see cref="Version"/>) replaces it whenever a member appears, goes, changes liveness, generation or an
/// application state, or the node's phase changes.
/// </summary>
public sealed class ClusterSnapshot
{
    private IReadOnlyList<MemberSnapshot>? _members;

    internal ClusterSnapshot(long version, EndpointAddress localEndpoint, GossipNodePhase phase, ImmutableDictionary<EndpointAddress, MemberSnapshot> byEndpoint)
    {
        Version = version;
        LocalEndpoint = localEndpoint;
        Phase = phase;
        ByEndpoint = byEndpoint;
    }

    /// <summary>Counts the snapshots this node published; a <see cref="ClusterEvent"/> carries the version that first shows it.</summary>
    public long Version { get; }

    public EndpointAddress LocalEndpoint { get; }

    public GossipNodePhase Phase { get; }

    public int Count => ByEndpoint.Count;

    /// <summary>
    /// Every known endpoint (this node included) in address order. Sorted by the first reader, not by the gossiper,
    /// which only updates the members that changed.
    /// </summary>
    public IReadOnlyList<MemberSnapshot> Members => Volatile.Read(ref _members) ?? Sort();

    internal ImmutableDictionary<EndpointAddress, MemberSnapshot> ByEndpoint { get; }

    public MemberSnapshot? Member(EndpointAddress endpoint) => ByEndpoint.GetValueOrDefault(endpoint);

    // Two first readers may both sort; one result wins and both return it.
    private IReadOnlyList<MemberSnapshot> Sort()
    {
        IReadOnlyList<MemberSnapshot> sorted = [.. ByEndpoint.Values.OrderBy(m => m.Endpoint)];
        return Interlocked.CompareExchange(ref _members, sorted, null) ?? sorted;
    }

    public override string ToString() => $"ClusterSnapshot(version {Version}, {Phase}, {Count} members)";
}
