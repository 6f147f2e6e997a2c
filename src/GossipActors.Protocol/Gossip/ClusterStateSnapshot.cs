using System.Collections.Immutable;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// A frozen copy of a node's cluster state, in address order. Rounds and the application API read it
/// without asking thousands of endpoint owners; the keyed lookup is built on first use.
/// </summary>
public sealed class ClusterStateSnapshot(ImmutableArray<KeyValuePair<EndpointAddress, EndpointState>> states)
{
    private IReadOnlyDictionary<EndpointAddress, EndpointState>? _lookup;

    public ImmutableArray<KeyValuePair<EndpointAddress, EndpointState>> States { get; } = states;

    public int Count => States.Length;

    public EndpointState? Get(EndpointAddress endpoint) =>
        (_lookup ??= States.ToDictionary(item => item.Key, item => item.Value)).GetValueOrDefault(endpoint);

    public IReadOnlyList<GossipDigest> Digests() =>
        States.Select(item => new GossipDigest(item.Key, item.Value.HeartBeat.Generation, item.Value.MaxVersion)).ToArray();
}
