using System.Collections.Immutable;
using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Tests;

/// <summary>Hand-built membership views for the pure rules that read <see cref="ClusterMember"/> lists.</summary>
internal static class Members
{
    public const string Self = "127.0.0.1:7000";

    public static ClusterMember Local(string status = EndpointStatus.Normal) => Member(Self, LivenessStatus.Up, status, isLocal: true);

    public static ClusterMember Up(string address, string status = EndpointStatus.Normal) => Member(address, LivenessStatus.Up, status);

    public static ClusterMember Down(string address, string status = EndpointStatus.Normal) => Member(address, LivenessStatus.Down, status);

    public static ClusterMember Member(string address, LivenessStatus liveness, string status, bool isLocal = false) => new(
        EndpointAddress.Parse(address),
        isLocal,
        liveness,
        new HeartBeatState(1_700_000_000, 10),
        ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal)
            .Add(ApplicationStateKeys.Status, new VersionedValue(status, 1)),
        0);
}
