using System.Collections.Immutable;

namespace GossipActors.Protocol.Model;

/// <summary>
/// Everything gossip knows about one endpoint: its heartbeat and its application states. Immutable,
/// so a snapshot of thousands of endpoints can be shared by rounds without copying or locking.
/// </summary>
public sealed record EndpointState(HeartBeatState HeartBeat, ImmutableSortedDictionary<string, VersionedValue> ApplicationStates)
{
    public static EndpointState Create(HeartBeatState heartBeat) =>
        new(heartBeat, ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal));

    /// <summary>The highest version in this state: the digest's <c>maxVersion</c>.</summary>
    public int MaxVersion
    {
        get
        {
            var max = HeartBeat.Version;
            foreach (var value in ApplicationStates.Values)
            {
                if (value.Version > max)
                {
                    max = value.Version;
                }
            }

            return max;
        }
    }

    public VersionedValue? Get(string key) => ApplicationStates.GetValueOrDefault(key);

    public EndpointState With(string key, VersionedValue value) =>
        this with { ApplicationStates = ApplicationStates.SetItem(key, value) };

    public bool Equals(EndpointState? other) =>
        other is not null && HeartBeat == other.HeartBeat &&
        ApplicationStates.Count == other.ApplicationStates.Count &&
        ApplicationStates.All(kv => other.ApplicationStates.TryGetValue(kv.Key, out var v) && v == kv.Value);

    public override int GetHashCode() => HashCode.Combine(HeartBeat, ApplicationStates.Count);
}
