namespace GossipActors.Gossip.Persistence;

/// <summary>
/// This node's identity across restarts: the host id and the last generation it used. <paramref name="DecommissionedAtMs"/>
/// is set once the node was decommissioned: it then refuses to start with this data directory unless told to
/// (<c>gossip.override-decommission</c>), so a decommissioned node is never silently brought back.
/// </summary>
public sealed record PersistedLocalNode(Guid HostId, int Generation, long? DecommissionedAtMs = null);

/// <summary>
/// A peer remembered from earlier runs, so a restart can gossip with it while the seeds are down. A peer that
/// left for good carries its whole last state in <paramref name="Departed"/> instead: it is restored as LEFT,
/// never probed, and forgotten when that state expires.
/// </summary>
public sealed record PersistedPeer(string Address, Guid? HostId, string? Dc, string? Rack, long LastSeenMs, PersistedEndpointState? Departed = null);

/// <summary>An endpoint's gossip state exactly as it was: heartbeat and every application state with its version.</summary>
public sealed record PersistedEndpointState(int Generation, int HeartBeatVersion, IReadOnlyDictionary<string, PersistedValue> States)
{
    public static PersistedEndpointState From(Protocol.Model.EndpointState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.HeartBeat.Generation, state.HeartBeat.Version,
            state.ApplicationStates.ToDictionary(kv => kv.Key, kv => new PersistedValue(kv.Value.Value, kv.Value.Version), StringComparer.Ordinal));
    }

    public Protocol.Model.EndpointState ToEndpointState()
    {
        var state = Protocol.Model.EndpointState.Create(new Protocol.Model.HeartBeatState(Generation, HeartBeatVersion));
        foreach (var (key, value) in States ?? new Dictionary<string, PersistedValue>())
        {
            if (!string.IsNullOrEmpty(key) && value is not null)
            {
                state = state.With(key, new Protocol.Model.VersionedValue(value.Value ?? string.Empty, value.Version));
            }
        }

        return state;
    }
}

public sealed record PersistedValue(string Value, int Version);

/// <summary>The on-disk shape of the peers file; the format version lets later releases migrate it.</summary>
public sealed record PeerTableFile(int FormatVersion, IReadOnlyList<PersistedPeer> Peers);

/// <summary>What was read from the data directory, and what was wrong with it.</summary>
public sealed record GossipStateLoadResult(PersistedLocalNode? Local, IReadOnlyList<PersistedPeer> Peers, IReadOnlyList<string> Warnings);
