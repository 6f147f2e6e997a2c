using System.Collections.Immutable;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>One member as the local node sees it.</summary>
public sealed record ClusterMember(
    EndpointAddress Endpoint,
    bool IsLocal,
    LivenessStatus Liveness,
    HeartBeatState HeartBeat,
    ImmutableSortedDictionary<string, VersionedValue> ApplicationStates,
    long UpdatedAtMs)
{
    /// <summary>The STATUS application state (NORMAL, shutdown,true, LEFT,expiry...), or null.</summary>
    public string? Status => ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Status)?.Value;

    public string? Get(string key) => ApplicationStates.GetValueOrDefault(key)?.Value;

    public bool IsUp => Liveness == LivenessStatus.Up;
}

/// <summary>A node's view of the cluster at one instant: immutable, built by the gossiper on request.</summary>
public sealed record GossipView(
    EndpointAddress LocalEndpoint,
    Guid HostId,
    int Generation,
    GossipNodePhase Phase,
    IReadOnlyList<ClusterMember> Members)
{
    public ClusterMember? Member(EndpointAddress endpoint) => Members.FirstOrDefault(m => m.Endpoint == endpoint);
}

/// <summary>What one endpoint's actor holds: the endpoint's latest state and liveness as this node sees it (Restarted: this instance replaced a crashed one; EventsPublished counts this instance's publications).</summary>
public sealed record EndpointView(
    EndpointAddress Endpoint,
    EndpointState? State,
    LivenessStatus Liveness,
    long? PendingEchoId,
    double? LastConvictionPhi,
    int EventsPublished,
    bool Restarted);
