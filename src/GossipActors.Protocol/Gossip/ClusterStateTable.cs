using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// One node's view of every endpoint's state. Mutable inside the owner (a heartbeat advance is a field
/// write, not an allocation, because in a 5,000-node cluster a node applies millions of them a minute);
/// readers that must not see later changes take an immutable <see cref="Snapshot"/>.
/// Endpoints are kept in address order in dense arrays of value slots, so digests come out sorted, a
/// sorted incoming list is matched by walking a cursor instead of hashing every address, and a whole
/// table costs two arrays instead of an object per endpoint (a simulated 5,000-node cluster holds 25
/// million of these entries). What every digest pass reads (address, heartbeat, max version) sits in its
/// own compact array, apart from the rest, so those passes stream a third of the memory.
/// </summary>
public sealed class ClusterStateTable
{
    // Incoming digests and deltas are in address order but usually a subset of ours: look this many slots
    // past the cursor before falling back to hashing the address.
    private const int LookAhead = 32;

    private static readonly ImmutableSortedDictionary<string, VersionedValue> NoStates =
        ImmutableSortedDictionary.Create<string, VersionedValue>(StringComparer.Ordinal);

    private readonly Dictionary<EndpointAddress, int> _index = [];
    private Hot[] _hot = [];
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
        _index.TryGetValue(endpoint, out var position) ? StateAt(position) : null;

    public HeartBeatState? HeartBeatOf(EndpointAddress endpoint) =>
        _index.TryGetValue(endpoint, out var position) ? _hot[position].HeartBeat : null;

    public int MaxVersionOf(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var position) ? _hot[position].MaxVersion : 0;

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
                endpoints[i] = _hot[i].Endpoint;
            }

            return endpoints;
        }
    }

    /// <summary>Replaces the whole state of an endpoint (a new endpoint or a new generation).</summary>
    public void Set(EndpointAddress endpoint, EndpointState state, long nowMs) => Put(endpoint, state, nowMs);

    public void SetHeartBeat(EndpointAddress endpoint, HeartBeatState heartBeat, long nowMs) =>
        SetHeartBeatAt(_index[endpoint], heartBeat, nowMs);

    public void SetApplicationState(EndpointAddress endpoint, string key, VersionedValue value, long nowMs)
    {
        var position = _index[endpoint];
        SetStatesAt(position, _hot[position].HeartBeat, _slots[position].ApplicationStates.SetItem(key, value), nowMs);
    }

    public bool Remove(EndpointAddress endpoint)
    {
        if (!_index.ContainsKey(endpoint))
        {
            return false;
        }

        EnsureOrdered();
        _index.Remove(endpoint, out var position);
        Array.Copy(_hot, position + 1, _hot, position, _count - position - 1);
        Array.Copy(_slots, position + 1, _slots, position, _count - position - 1);
        _count--;
        _hot[_count] = default;
        _slots[_count] = default;
        for (var i = position; i < _count; i++)
        {
            _index[_hot[i].Endpoint] = i;
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
            ref readonly var hot = ref _hot[i];
            digests[i] = new GossipDigest(hot.Endpoint, hot.HeartBeat.Generation, hot.MaxVersion);
        }

        return digests;
    }

    /// <summary>
    /// The endpoint's state restricted to what is newer than <paramref name="version"/>: the heartbeat
    /// whenever anything is sent (it rides along with any application state), plus every application
    /// state with a higher version. Null when nothing is newer.
    /// </summary>
    public EndpointState? StateNewerThan(EndpointAddress endpoint, int version) =>
        _index.TryGetValue(endpoint, out var position) ? StateNewerThanAt(position, version) : null;

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
            builder.Add(new(_hot[i].Endpoint, StateAt(i)));
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
            _orderDirty |= _count > 0 && _hot[_count - 1].Endpoint.CompareTo(endpoint) > 0;
            _hot[_count] = new Hot { Endpoint = endpoint };
            _slots[_count++] = new Slot { ApplicationStates = NoStates };
        }

        SetStatesAt(position, state.HeartBeat, state.ApplicationStates, nowMs);
        // The caller's record is immutable and equal to what the slot now holds: keep it rather than
        // materialise a copy later (a warm-started simulation shares one per endpoint across all nodes).
        _slots[position].Full = state;
        return position;
    }

    /// <summary>The position of an endpoint (valid until the next insert, removal or reorder), or -1.</summary>
    internal int IndexOf(EndpointAddress endpoint) => _index.TryGetValue(endpoint, out var position) ? position : -1;

    internal ref Slot SlotAt(int position) => ref _slots[position];

    internal HeartBeatState HeartBeatAt(int position) => _hot[position].HeartBeat;

    internal int MaxVersionAt(int position) => _hot[position].MaxVersion;

    internal void SetHeartBeatAt(int position, HeartBeatState heartBeat, long nowMs)
    {
        _hot[position].HeartBeat = heartBeat;
        ref var slot = ref _slots[position];
        slot.UpdatedAtMs = nowMs;
        slot.Full = null;
        _changes++;
    }

    internal void SetStatesAt(int position, HeartBeatState heartBeat, ImmutableSortedDictionary<string, VersionedValue> states, long nowMs)
    {
        ref var hot = ref _hot[position];
        ref var slot = ref _slots[position];
        if (!ReferenceEquals(states, slot.ApplicationStates))
        {
            slot.ApplicationStates = states;
            var max = 0;
            foreach (var item in states)
            {
                max = Math.Max(max, item.Value.Version);
            }

            hot.MaxApplicationVersion = max;
        }

        hot.HeartBeat = heartBeat;
        slot.UpdatedAtMs = nowMs;
        slot.Full = null;
        _changes++;
    }

    internal EndpointState StateAt(int position) =>
        _slots[position].Full ??= new EndpointState(_hot[position].HeartBeat, _slots[position].ApplicationStates);

    /// <summary>See <see cref="StateNewerThan(EndpointAddress, int)"/>.</summary>
    internal EndpointState? StateNewerThanAt(int position, int version)
    {
        ref readonly var hot = ref _hot[position];
        if (hot.MaxVersion <= version)
        {
            return null;
        }

        if (hot.MaxApplicationVersion <= version)
        {
            // Not cached: caching would hang young objects off old ones, which costs the GC more than it saves.
            return new EndpointState(hot.HeartBeat, NoStates);
        }

        var states = _slots[position].ApplicationStates;
        var allNewer = true;
        foreach (var item in states)
        {
            if (item.Value.Version <= version)
            {
                allNewer = false;
                break;
            }
        }

        if (allNewer)
        {
            return StateAt(position);
        }

        var builder = NoStates.ToBuilder();
        foreach (var (key, value) in states)
        {
            if (value.Version > version)
            {
                builder.Add(key, value);
            }
        }

        return new EndpointState(hot.HeartBeat, builder.ToImmutable());
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
                ref readonly var candidate = ref _hot[i].Endpoint;
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
            Array.Sort(_hot, _slots, 0, _count, HotOrder.Instance);
            (moved, end) = (0, _count);
        }

        for (var i = moved; i < end; i++)
        {
            CollectionsMarshal.GetValueRefOrNullRef(_index, _hot[i].Endpoint) = i;
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
        while (split < _count && _hot[split - 1].Endpoint.CompareTo(_hot[split].Endpoint) <= 0)
        {
            split++;
        }

        for (var i = split + 1; i < _count; i++)
        {
            if (_hot[i - 1].Endpoint.CompareTo(_hot[i].Endpoint) > 0)
            {
                return (0, -1);
            }
        }

        // Only the shorter run is copied aside; the merge writes into the same arrays.
        if (split <= _count - split)
        {
            var asideHot = _hot[..split];
            var asideSlots = _slots[..split];
            int left = 0, right = split, next = 0;
            while (left < asideHot.Length && right < _count)
            {
                if (_hot[right].Endpoint.CompareTo(asideHot[left].Endpoint) < 0)
                {
                    _hot[next] = _hot[right];
                    _slots[next++] = _slots[right++];
                }
                else
                {
                    _hot[next] = asideHot[left];
                    _slots[next++] = asideSlots[left++];
                }
            }

            Array.Copy(asideHot, left, _hot, next, asideHot.Length - left);
            Array.Copy(asideSlots, left, _slots, next, asideSlots.Length - left);
            // Past the last slot taken from the set-aside run, the right run is where it was.
            return (0, next + asideHot.Length - left);
        }
        else
        {
            var asideHot = _hot[split.._count];
            var asideSlots = _slots[split.._count];
            int left = split - 1, right = asideHot.Length - 1, next = _count - 1;
            while (left >= 0 && right >= 0)
            {
                if (asideHot[right].Endpoint.CompareTo(_hot[left].Endpoint) < 0)
                {
                    _hot[next] = _hot[left];
                    _slots[next--] = _slots[left--];
                }
                else
                {
                    _hot[next] = asideHot[right];
                    _slots[next--] = asideSlots[right--];
                }
            }

            Array.Copy(asideHot, 0, _hot, 0, right + 1);
            Array.Copy(asideSlots, 0, _slots, 0, right + 1);
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

        var size = Math.Max(capacity, Math.Max(4, _slots.Length * 2));
        var grownHot = new Hot[size];
        var grown = new Slot[size];
        Array.Copy(_hot, grownHot, _count);
        Array.Copy(_slots, grown, _count);
        _hot = grownHot;
        _slots = grown;
    }

    private sealed class HotOrder : IComparer<Hot>
    {
        public static readonly HotOrder Instance = new();

        public int Compare(Hot x, Hot y) => x.Endpoint.CompareTo(y.Endpoint);
    }

    /// <summary>What every digest pass reads about one endpoint: 32 bytes.</summary>
    internal struct Hot
    {
        public EndpointAddress Endpoint;
        public HeartBeatState HeartBeat;
        public int MaxApplicationVersion;

        public readonly int MaxVersion => Math.Max(HeartBeat.Version, MaxApplicationVersion);
    }

    /// <summary>The rest of one endpoint's state, and the owner's liveness record for it.</summary>
    internal struct Slot
    {
        public ImmutableSortedDictionary<string, VersionedValue> ApplicationStates;
        public long UpdatedAtMs;

        /// <summary>The state as one immutable record, once someone asked for it (or the one it was set from).</summary>
        public EndpointState? Full;

        /// <summary>False for the local endpoint and for tables used without a core.</summary>
        public bool HasLiveness;

        public LivenessRecord Liveness;

        /// <summary>The owner's live and unreachable lists keep their member positions here (see <see cref="MembershipSet"/>).</summary>
        public int LiveMark;

        public int UnreachableMark;

        public readonly string? Status => ApplicationStates.Count == 0 ? null : ApplicationStates.GetValueOrDefault(ApplicationStateKeys.Status)?.Value;
    }
}
