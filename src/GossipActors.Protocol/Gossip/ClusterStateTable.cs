using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// One node's view of every endpoint's state. Mutable inside the owner (a heartbeat advance is a field
/// write, not an allocation, because in a 5,000-node cluster a node applies millions of them a minute);
/// readers that must not see later changes take an immutable <see cref="Snapshot"/>.
/// Endpoints are kept in address order in one dense array of value slots, so digests come out sorted, a
/// sorted incoming list is matched by walking a cursor instead of hashing every address, and a whole
/// table costs one array instead of an object per endpoint (a simulated 5,000-node cluster holds 25
/// million of these entries).
/// </summary>
public sealed class ClusterStateTable
{
    // Incoming digests and deltas are in address order but usually a subset of ours: look this many slots
    // past the cursor before falling back to hashing the address.
    private const int LookAhead = 32;

    private static readonly ImmutableSortedDictionary<string, VersionedValue> NoStates =
        ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal);

    private readonly Dictionary<EndpointAddress, int> _index = [];
    private Slot[] _slots = [];
    private int _count;
    private bool _orderDirty;
    private long _changes;
    private ClusterStateSnapshot? _snapshot;
    private long _snapshotAt = -1;

    public int Count => _count;

    /// <summary>Sizes the table for a bulk load.</summary>
    public void EnsureCapacity(int endpoints)
    {
        _index.EnsureCapacity(endpoints);
        Grow(endpoints);
    }

    public bool Contains(EndpointAddress endpoint) => _index.ContainsKey(endpoint);

    public EndpointState? Get(EndpointAddress endpoint) =>
        _index.TryGetValue(endpoint, out var position) ? _slots[position].ToState() : null;

    public HeartBeatState? HeartBeatOf(EndpointAddress endpoint) =>
        _index.TryGetValue(endpoint, out var position) ? _slots[position].HeartBeat : null;

    public int MaxVersionOf(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var position) ? _slots[position].MaxVersion : 0;

    /// <summary>When the endpoint's state last changed here (epoch ms of the local clock).</summary>
    public long UpdatedAtMs(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var position) ? _slots[position].UpdatedAtMs : 0;

    /// <summary>Endpoints in address order.</summary>
    public IEnumerable<EndpointAddress> Endpoints
    {
        get
        {
            EnsureOrdered();
            var endpoints = new EndpointAddress[_count];
            for (var i = 0; i < _count; i++)
            {
                endpoints[i] = _slots[i].Endpoint;
            }

            return endpoints;
        }
    }

    /// <summary>Replaces the whole state of an endpoint (a new endpoint or a new generation).</summary>
    public void Set(EndpointAddress endpoint, EndpointState state, long nowMs) => Put(endpoint, state, nowMs);

    public void SetHeartBeat(EndpointAddress endpoint, HeartBeatState heartBeat, long nowMs)
    {
        ref var slot = ref _slots[_index[endpoint]];
        slot.Replace(heartBeat, slot.ApplicationStates, nowMs);
        _changes++;
    }

    public void SetApplicationState(EndpointAddress endpoint, string key, VersionedValue value, long nowMs)
    {
        ref var slot = ref _slots[_index[endpoint]];
        slot.Replace(slot.HeartBeat, slot.ApplicationStates.SetItem(key, value), nowMs);
        _changes++;
    }

    public bool Remove(EndpointAddress endpoint)
    {
        if (!_index.ContainsKey(endpoint))
        {
            return false;
        }

        EnsureOrdered();
        _index.Remove(endpoint, out var position);
        Array.Copy(_slots, position + 1, _slots, position, _count - position - 1);
        _count--;
        _slots[_count] = default;
        for (var i = position; i < _count; i++)
        {
            _index[_slots[i].Endpoint] = i;
        }

        _changes++;
        return true;
    }

    /// <summary>A digest for every known endpoint (self included), in address order.</summary>
    public GossipDigest[] BuildDigests()
    {
        EnsureOrdered();
        var digests = new GossipDigest[_count];
        for (var i = 0; i < digests.Length; i++)
        {
            ref readonly var slot = ref _slots[i];
            digests[i] = new GossipDigest(slot.Endpoint, slot.HeartBeat.Generation, slot.MaxVersion);
        }

        return digests;
    }

    /// <summary>
    /// The endpoint's state restricted to what is newer than <paramref name="version"/>: the heartbeat
    /// whenever anything is sent (it rides along with any application state), plus every application
    /// state with a higher version. Null when nothing is newer.
    /// </summary>
    public EndpointState? StateNewerThan(EndpointAddress endpoint, int version) =>
        _index.TryGetValue(endpoint, out var position) ? _slots[position].StateNewerThan(version) : null;

    /// <summary>An immutable copy for readers; the same instance is returned until something changes.</summary>
    public ClusterStateSnapshot Snapshot()
    {
        if (_snapshot is not null && _snapshotAt == _changes)
        {
            return _snapshot;
        }

        EnsureOrdered();
        var builder = ImmutableArray.CreateBuilder<KeyValuePair<EndpointAddress, EndpointState>>(_count);
        for (var i = 0; i < _count; i++)
        {
            builder.Add(new(_slots[i].Endpoint, _slots[i].ToState()));
        }

        _snapshot = new ClusterStateSnapshot(builder.MoveToImmutable());
        _snapshotAt = _changes;
        return _snapshot;
    }

    /// <summary>Stores a whole state and returns the endpoint's position (valid until the next insert, removal or reorder).</summary>
    internal int Put(EndpointAddress endpoint, EndpointState state, long nowMs)
    {
        ref var position = ref CollectionsMarshal.GetValueRefOrAddDefault(_index, endpoint, out var exists);
        if (!exists)
        {
            position = _count;
            Grow(_count + 1);
            // Appending in address order (bulk loads) keeps the order valid without a sort.
            _orderDirty |= _count > 0 && _slots[_count - 1].Endpoint.CompareTo(endpoint) > 0;
            _slots[_count++] = new Slot { Endpoint = endpoint, ApplicationStates = NoStates };
        }

        ref var slot = ref _slots[position];
        slot.Replace(state.HeartBeat, state.ApplicationStates, nowMs);
        // The caller's record is immutable and equal to what the slot now holds: keep it rather than
        // materialise a copy later (a warm-started simulation shares one per endpoint across all nodes).
        slot.Full = state;
        _changes++;
        return position;
    }

    /// <summary>The position of an endpoint (valid until the next insert, removal or reorder), or -1.</summary>
    internal int IndexOf(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var position) ? position : -1;

    internal ref Slot SlotAt(int position) => ref _slots[position];

    internal void SetHeartBeatAt(int position, HeartBeatState heartBeat, long nowMs)
    {
        ref var slot = ref _slots[position];
        slot.Replace(heartBeat, slot.ApplicationStates, nowMs);
        _changes++;
    }

    internal void SetStatesAt(int position, HeartBeatState heartBeat, ImmutableSortedDictionary<string, VersionedValue> states, long nowMs)
    {
        _slots[position].Replace(heartBeat, states, nowMs);
        _changes++;
    }

    /// <summary>Finds an endpoint's position, trying <paramref name="hint"/> (the next position in address order) and a few after it before hashing; -1 when unknown.</summary>
    internal int Find(EndpointAddress endpoint, ref int hint)
    {
        if (hint >= 0)
        {
            EnsureOrdered();
            var end = Math.Min(_count, hint + LookAhead);
            for (var i = hint; i < end; i++)
            {
                ref readonly var candidate = ref _slots[i].Endpoint;
                if (candidate.Port == endpoint.Port && string.Equals(candidate.Host, endpoint.Host, StringComparison.Ordinal))
                {
                    hint = i + 1;
                    return i;
                }
            }
        }

        if (_index.TryGetValue(endpoint, out var found))
        {
            hint = hint < 0 ? hint : found + 1;
            return found;
        }

        return -1;
    }

    internal void EnsureOrdered()
    {
        if (!_orderDirty)
        {
            return;
        }

        var (moved, end) = MergeTwoRuns();
        if (end < 0)
        {
            Array.Sort(_slots, 0, _count, SlotOrder.Instance);
            (moved, end) = (0, _count);
        }

        for (var i = moved; i < end; i++)
        {
            CollectionsMarshal.GetValueRefOrNullRef(_index, _slots[i].Endpoint) = i;
        }

        _orderDirty = false;
    }

    /// <summary>
    /// The usual disorder is one sorted run appended after another (the local endpoint first, then a
    /// sorted bulk load): merge those in linear time instead of sorting. Returns the range of positions
    /// that changed, or End -1 when the disorder is of another kind.
    /// </summary>
    private (int Moved, int End) MergeTwoRuns()
    {
        var split = 1;
        while (split < _count && _slots[split - 1].Endpoint.CompareTo(_slots[split].Endpoint) <= 0)
        {
            split++;
        }

        for (var i = split + 1; i < _count; i++)
        {
            if (_slots[i - 1].Endpoint.CompareTo(_slots[i].Endpoint) > 0)
            {
                return (0, -1);
            }
        }

        // Only the shorter run is copied aside; the merge writes into the same array.
        if (split <= _count - split)
        {
            var aside = _slots[..split];
            int left = 0, right = split, next = 0;
            while (left < aside.Length && right < _count)
            {
                _slots[next++] = _slots[right].Endpoint.CompareTo(aside[left].Endpoint) < 0 ? _slots[right++] : aside[left++];
            }

            Array.Copy(aside, left, _slots, next, aside.Length - left);
            // Past the last slot taken from the set-aside run, the right run is where it was.
            return (0, next + aside.Length - left);
        }
        else
        {
            var aside = _slots[split.._count];
            int left = split - 1, right = aside.Length - 1, next = _count - 1;
            while (left >= 0 && right >= 0)
            {
                _slots[next--] = aside[right].Endpoint.CompareTo(_slots[left].Endpoint) < 0 ? _slots[left--] : aside[right--];
            }

            Array.Copy(aside, 0, _slots, 0, right + 1);
            // Before the first slot displaced by the set-aside run, the left run is where it was.
            return (right >= 0 ? 0 : left + 1, _count);
        }
    }

    private void Grow(int capacity)
    {
        if (capacity <= _slots.Length)
        {
            return;
        }

        var grown = new Slot[Math.Max(capacity, Math.Max(4, _slots.Length * 2))];
        Array.Copy(_slots, grown, _count);
        _slots = grown;
    }

    private sealed class SlotOrder : IComparer<Slot>
    {
        public static readonly SlotOrder Instance = new();

        public int Compare(Slot x, Slot y) => x.Endpoint.CompareTo(y.Endpoint);
    }

    /// <summary>One endpoint's state, with the derived values digests need cached, and the owner's liveness record for it.</summary>
    internal struct Slot
    {
        public EndpointAddress Endpoint;
        public HeartBeatState HeartBeat;
        public ImmutableSortedDictionary<string, VersionedValue> ApplicationStates;
        public int MaxApplicationVersion;
        public long UpdatedAtMs;

        /// <summary>The state as one immutable record, once someone asked for it (or the one it was set from).</summary>
        public EndpointState? Full;

        /// <summary>False for the local endpoint and for tables used without a core.</summary>
        public bool HasLiveness;

        public LivenessRecord Liveness;

        public readonly int MaxVersion => Math.Max(HeartBeat.Version, MaxApplicationVersion);

        public readonly string? Status => ApplicationStates.Count == 0 ? null : ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Status)?.Value;

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
            Full = null;
        }

        public EndpointState ToState() => Full ??= new EndpointState(HeartBeat, ApplicationStates);

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
