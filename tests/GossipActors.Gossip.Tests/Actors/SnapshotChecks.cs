using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>Comparisons of a node's published snapshot with what its core holds.</summary>
internal static class SnapshotChecks
{
    /// <summary>Between pumps (nothing runs) the published snapshot must equal one built afresh from the core.</summary>
    public static void AssertMatchesCore(GossipNode node, string when)
    {
        var core = node.Runtime.Core;
        var snapshot = node.CurrentSnapshot;
        Assert.True(core.Phase == snapshot.Phase, $"{node.LocalEndpoint} {when}: phase {snapshot.Phase} in the snapshot, {core.Phase} in the core");
        var expected = core.Members()
            .OrderBy(m => m.Endpoint)
            .Select(m => Row(m.Endpoint, m.IsLocal, m.Liveness, m.State.HeartBeat.Generation, m.State.ApplicationStates))
            .ToList();
        var actual = snapshot.Members
            .Select(m => Row(m.Endpoint, m.IsLocal, m.Liveness, m.Generation, m.ApplicationStates))
            .ToList();
        Assert.True(expected.SequenceEqual(actual, StringComparer.Ordinal),
            $"{node.LocalEndpoint} {when}, snapshot version {snapshot.Version}:\ncore:\n{string.Join('\n', expected)}\nsnapshot:\n{string.Join('\n', actual)}");
    }

    private static string Row(EndpointAddress endpoint, bool isLocal, LivenessStatus liveness, int generation, IEnumerable<KeyValuePair<string, VersionedValue>> states) =>
        $"{endpoint} local={isLocal} {liveness} gen={generation} {string.Join(' ', states.Select(s => $"{s.Key}={s.Value.Value}@{s.Value.Version}"))}";
}
