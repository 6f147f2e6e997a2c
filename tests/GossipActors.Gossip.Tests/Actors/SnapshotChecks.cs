using GossipActors.Gossip.Cluster;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>Comparisons of a node's published snapshot with what its core holds, and with the events it sent.</summary>
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

    /// <summary>The other members as a subscriber that applies each event in turn sees them: application states and whether UP.</summary>
    public static Dictionary<EndpointAddress, (Dictionary<string, string> States, bool IsUp)> Fold(
        ClusterSnapshot start, IEnumerable<MemberEvent> changes)
    {
        var members = start.Members
            .Where(m => !m.IsLocal)
            .ToDictionary(m => m.Endpoint, m => (States: m.ApplicationStates.ToDictionary(s => s.Key, s => s.Value.Value, StringComparer.Ordinal), m.IsUp));
        foreach (var change in changes.Where(c => c.Endpoint != start.LocalEndpoint))
        {
            switch (change)
            {
                case MemberJoined joined:
                    members[joined.Endpoint] = (new Dictionary<string, string>(StringComparer.Ordinal), false);
                    break;
                case MemberStateChanged changed:
                    members[changed.Endpoint].States[changed.Key] = changed.Value;
                    break;
                case MemberUp up:
                    members[up.Endpoint] = members[up.Endpoint] with { IsUp = true };
                    break;
                case MemberDown down:
                    members[down.Endpoint] = members[down.Endpoint] with { IsUp = false };
                    break;
                case MemberRemoved removed:
                    members.Remove(removed.Endpoint);
                    break;
            }
        }

        return members;
    }

    public static string Describe(Dictionary<EndpointAddress, (Dictionary<string, string> States, bool IsUp)> members) =>
        string.Join('\n', members.OrderBy(m => m.Key).Select(m =>
            $"{m.Key} up={m.Value.IsUp} {string.Join(' ', m.Value.States.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}"));

    private static string Row(EndpointAddress endpoint, bool isLocal, LivenessStatus liveness, int generation, IEnumerable<KeyValuePair<string, VersionedValue>> states) =>
        $"{endpoint} local={isLocal} {liveness} gen={generation} {string.Join(' ', states.Select(s => $"{s.Key}={s.Value.Value}@{s.Value.Version}"))}";
}
