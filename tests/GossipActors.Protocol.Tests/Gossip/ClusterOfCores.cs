using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>A core that already sees a converged cluster UP (warm start), for rules that need no network.</summary>
internal static class ClusterOfCores
{
    public const long NowMs = 1_700_000_000_000;
    public const int PeerGeneration = 1_700_000_000;

    public static EndpointAddress Address(int i) => new($"10.0.0.{i}", 7000);

    /// <summary>Node <paramref name="local"/> of nodes 1..<paramref name="count"/>, every other one UP here.</summary>
    public static GossipNodeCore Running(int local, int count)
    {
        var core = new GossipNodeCore(
            new GossipNodeOptions
            {
                LocalEndpoint = Address(local),
                HostId = new Guid(local, 0, 0, new byte[8]),
                Generation = PeerGeneration,
                Settings = TestSettings.Gossip("c", [Address(1)]),
            },
            new Random(local));
        core.Start(NowMs, skipShadowRound: true);
        core.PreloadLiveEndpoints(
            [.. Enumerable.Range(1, count).Where(i => i != local).Select(i => KeyValuePair.Create(Address(i), EndpointState.Create(new HeartBeatState(PeerGeneration, 1))))],
            NowMs);
        return core;
    }

    /// <summary><paramref name="claimant"/>'s state, newer than the warm start's, publishing <paramref name="claims"/> as its UNREACHABLE value.</summary>
    public static GossipEnvelope Claims(GossipNodeCore to, EndpointAddress claimant, string claims, int version)
    {
        var state = EndpointState.Create(new HeartBeatState(PeerGeneration, version))
            .With(ApplicationStateKeys.Unreachable, new VersionedValue(claims, version));
        return new GossipEnvelope(claimant, to.LocalEndpoint, new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [claimant] = state }));
    }

    public static string Claim(int endpoint, int generation = PeerGeneration) => $"{Address(endpoint)}@{generation}";
}
