using System.Collections.Immutable;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// One node's view of every endpoint's state. Mutable inside the owner (a heartbeat advance is a field
/// write, not an allocation, because in a 5,000-node cluster a node applies millions of them a minute);
/// readers that must not see later changes take an immutable <see cref="Snapshot"/>.
/// Endpoints are kept in address order so digests come out sorted and a sorted incoming list can be
/// matched by walking a cursor instead of hashing every address.
/// </summary>
public sealed class ClusterStateTable
{
    private static readonly ImmutableSortedDictionary<string, VersionedValue> NoStates =
        ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal);

    private readonly Dictionary<EndpointAddress, Entry> _index = [];
    private readonly List<Entry> _ordered = [];
    private bool _orderDirty;
    private long _changes;
    private ClusterStateSnapshot? _snapshot;
    private long _snapshotAt = -1;

    public int Count => _index.Count;

    /// <summary>Sizes the table for a bulk load.</summary>
    public void EnsureCapacity(int endpoints)
    {
        _index.EnsureCapacity(endpoints);
        _ordered.EnsureCapacity(endpoints);
    }

    public bool Contains(EndpointAddress endpoint) => _index.ContainsKey(endpoint);

    public EndpointState? Get(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var entry) ? entry.ToState() : null;

    public HeartBeatState? HeartBeatOf(EndpointAddress endpoint) =>
        _index.TryGetValue(endpoint, out var entry) ? entry.HeartBeat : null;

    public int MaxVersionOf(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var entry) ? entry.MaxVersion : 0;

    /// <summary>When the endpoint's state last changed here (epoch ms of the local clock).</summary>
    public long UpdatedAtMs(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var entry) ? entry.UpdatedAtMs : 0;

    /// <summary>Endpoints in address order.</summary>
    public IEnumerable<EndpointAddress> Endpoints
    {
        get
        {
            EnsureOrdered();
            return _ordered.Select(entry => entry.Endpoint).ToArray();
        }
    }

    /// <summary>Replaces the whole state of an endpoint (a new endpoint or a new generation).</summary>
    public void Set(EndpointAddress endpoint, EndpointState state, long nowMs)
    {
        if (!_index.TryGetValue(endpoint, out var entry))
        {
            entry = new Entry(endpoint) { Position = _ordered.Count };
            _index.Add(endpoint, entry);
            // Appending in address order (bulk loads) keeps the order valid without a sort.
            _orderDirty |= _ordered.Count > 0 && _ordered[^1].Endpoint.CompareTo(endpoint) > 0;
            _ordered.Add(entry);
        }

        entry.Replace(state.HeartBeat, state.ApplicationStates, nowMs);
        _changes++;
    }

    public void SetHeartBeat(EndpointAddress endpoint, HeartBeatState heartBeat, long nowMs)
    {
        var entry = _index[endpoint];
        entry.Replace(heartBeat, entry.ApplicationStates, nowMs);
        _changes++;
    }

    public void SetApplicationState(EndpointAddress endpoint, string key, VersionedValue value, long nowMs)
    {
        var entry = _index[endpoint];
        entry.Replace(entry.HeartBeat, entry.ApplicationStates.SetItem(key, value), nowMs);
        _changes++;
    }

    internal void SetHeartBeatOf(Entry entry, HeartBeatState heartBeat, long nowMs)
    {
        entry.Replace(heartBeat, entry.ApplicationStates, nowMs);
        _changes++;
    }

    internal void SetStatesOf(Entry entry, HeartBeatState heartBeat, ImmutableSortedDictionary<string, VersionedValue> states, long nowMs)
    {
        entry.Replace(heartBeat, states, nowMs);
        _changes++;
    }

    public bool Remove(EndpointAddress endpoint)
    {
        if (!_index.Remove(endpoint, out var entry))
        {
            return false;
        }

        EnsureOrdered();
        _ordered.RemoveAt(entry.Position);
        for (var i = entry.Position; i < _ordered.Count; i++)
        {
            _ordered[i].Position = i;
        }

        _changes++;
        return true;
    }

    /// <summary>A digest for every known endpoint (self included), in address order.</summary>
    public GossipDigest[] BuildDigests()
    {
        EnsureOrdered();
        var digests = new GossipDigest[_ordered.Count];
        for (var i = 0; i < digests.Length; i++)
        {
            var entry = _ordered[i];
            digests[i] = new GossipDigest(entry.Endpoint, entry.HeartBeat.Generation, entry.MaxVersion);
        }

        return digests;
    }

    /// <summary>
    /// The endpoint's state restricted to what is newer than <paramref name="version"/>: the heartbeat
    /// whenever anything is sent (it rides along with any application state), plus every application
    /// state with a higher version. Null when nothing is newer.
    /// </summary>
    public EndpointState? StateNewerThan(EndpointAddress endpoint, int version)
    {
        var hint = -1;
        var entry = Find(endpoint, ref hint);
        return entry?.StateNewerThan(version);
    }

    /// <summary>Finds an endpoint, trying <paramref name="hint"/> (the next position in address order) before hashing.</summary>
    internal Entry? Find(EndpointAddress endpoint, ref int hint)
    {
        if (hint >= 0)
        {
            EnsureOrdered();
        }

        if ((uint)hint < (uint)_ordered.Count)
        {
            var candidate = _ordered[hint];
            if (candidate.Endpoint.Port == endpoint.Port &&
                (ReferenceEquals(candidate.Endpoint.Host, endpoint.Host) || candidate.Endpoint.Host == endpoint.Host))
            {
                hint++;
                return candidate;
            }
        }

        if (_index.TryGetValue(endpoint, out var found))
        {
            hint = hint < 0 ? hint : found.Position + 1;
            return found;
        }

        return null;
    }

    /// <summary>An immutable copy for readers; the same instance is returned until something changes.</summary>
    public ClusterStateSnapshot Snapshot()
    {
        if (_snapshot is not null && _snapshotAt == _changes)
        {
            return _snapshot;
        }

        EnsureOrdered();
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<EndpointAddress, EndpointState>>(_ordered.Count);
        foreach (var entry in _ordered)
        {
            builder.Add(new(entry.Endpoint, entry.ToState()));
        }

        _snapshot = new ClusterStateSnapshot(builder.MoveToImmutable());
        _snapshotAt = _changes;
        return _snapshot;
    }

    internal void EnsureOrdered()
    {
        if (!_orderDirty)
        {
            return;
        }

        _ordered.Sort(static (a, b) => a.Endpoint.CompareTo(b.Endpoint));
        for (var i = 0; i < _ordered.Count; i++)
        {
            _ordered[i].Position = i;
        }

        _orderDirty = false;
    }

    /// <summary>One endpoint's state, with the derived values digests need cached.</summary>
    internal sealed class Entry(EndpointAddress endpoint)
    {
        private EndpointState? _full;

        public EndpointAddress Endpoint { get; } = endpoint;

        public HeartBeatState HeartBeat { get; private set; }

        public ImmutableSortedDictionary<string, VersionedValue> ApplicationStates { get; private set; } = NoStates;

        public int MaxApplicationVersion { get; private set; }

        public int MaxVersion => Math.Max(HeartBeat.Version, MaxApplicationVersion);

        public long UpdatedAtMs { get; private set; }

        public int Position { get; set; }

        /// <summary>The owner's per-endpoint companion (the core keeps liveness here to save a lookup per update).</summary>
        public object? Companion { get; set; }

        public void Replace(HeartBeatState heartBeat, ImmutableSortedDictionary<string, VersionedValue> states, long nowMs)
        {
            if (!ReferenceEquals(states, ApplicationStates))
            {
                ApplicationStates = states;
                var max = 0;
                foreach (var item in states)
                {
                    max = Math.Max(max, item.Value.Version);
                }

                MaxApplicationVersion = max;
            }

            HeartBeat = heartBeat;
            UpdatedAtMs = nowMs;
            _full = null;
        }

        public EndpointState ToState() => _full ??= new EndpointState(HeartBeat, ApplicationStates);

        public EndpointState? StateNewerThan(int version)
        {
            if (MaxVersion <= version)
            {
                return null;
            }

            if (MaxApplicationVersion <= version)
            {
                // Not cached: caching would hang young objects off old ones, which costs the GC more than it saves.
                return new EndpointState(HeartBeat, NoStates);
            }

            var allNewer = true;
            foreach (var item in ApplicationStates)
            {
                if (item.Value.Version <= version)
                {
                    allNewer = false;
                    break;
                }
            }

            if (allNewer)
            {
                return ToState();
            }

            var builder = NoStates.ToBuilder();
            foreach (var (key, value) in ApplicationStates)
            {
                if (value.Version > version)
                {
                    builder.Add(key, value);
                }
            }

            return new EndpointState(HeartBeat, builder.ToImmutable());
        }
    }
}
