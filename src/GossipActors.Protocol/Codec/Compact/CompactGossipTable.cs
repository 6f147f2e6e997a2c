using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec.Compact;

/// <summary>
/// What one direction of one connection has carried so far, kept identically by its sender (encoding against it) and
/// its receiver (decoding against it): every endpoint named once with its address and then by a small index, the last
/// generation and version carried for it (later ones travel as deltas), the application-state keys named so far, and
/// the cluster name of the last SYN. A table lives and dies with its connection, so a reconnect starts both sides
/// empty. The sender can undo what one message added (<see cref="Begin"/>, <see cref="Rollback"/>) when it decides
/// to send that message in the stateless format after all.
/// </summary>
public sealed class CompactGossipTable
{
    /// <summary>Endpoints one connection may name: bounds what a peer can make this node hold (a few MiB at most).</summary>
    public const int MaximumEndpoints = 65_536;

    /// <summary>Application-state keys one connection may name.</summary>
    public const int MaximumKeys = 4_096;

    private readonly List<Entry> _entries = [];
    private readonly Dictionary<EndpointAddress, int> _indexes = [];
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, int> _keyIndexes = new(StringComparer.Ordinal);
    private readonly List<(int Index, int Generation, int Version)> _journal = [];
    private int _entriesAtBegin = -1;
    private int _keysAtBegin;
    private string? _clusterNameAtBegin;

    public int EndpointCount => _entries.Count;

    public int KeyCount => _keys.Count;

    /// <summary>The cluster name of the last SYN carried; null before the first.</summary>
    public string? ClusterName { get; private set; }

    public bool TryGetIndex(EndpointAddress endpoint, out int index) => _indexes.TryGetValue(endpoint, out index);

    public bool TryGetKeyIndex(string key, out int index) => _keyIndexes.TryGetValue(key, out index);

    public EndpointAddress EndpointAt(int index) => _entries[index].Endpoint;

    public int GenerationAt(int index) => _entries[index].Generation;

    public int VersionAt(int index) => _entries[index].Version;

    public string KeyAt(int index) => _keys[index];

    /// <returns>The new entry's index.</returns>
    public int Add(EndpointAddress endpoint, int generation, int version)
    {
        if (_entries.Count >= MaximumEndpoints)
        {
            throw new InvalidOperationException($"the table already holds {MaximumEndpoints} endpoints");
        }

        var index = _entries.Count;
        _entries.Add(new Entry(endpoint, generation, version));
        _indexes.Add(endpoint, index);
        return index;
    }

    /// <summary>Records the generation and version just carried for entry <paramref name="index"/>.</summary>
    public void Carry(int index, int generation, int version)
    {
        var entry = _entries[index];
        if (_entriesAtBegin >= 0 && index < _entriesAtBegin)
        {
            _journal.Add((index, entry.Generation, entry.Version));
        }

        entry.Generation = generation;
        entry.Version = version;
    }

    public int AddKey(string key)
    {
        if (_keys.Count >= MaximumKeys)
        {
            throw new InvalidOperationException($"the table already holds {MaximumKeys} keys");
        }

        _keys.Add(key);
        _keyIndexes.Add(key, _keys.Count - 1);
        return _keys.Count - 1;
    }

    public void CarryClusterName(string clusterName) => ClusterName = clusterName;

    /// <summary>The generation the last heartbeat on this connection carried (null before the first).</summary>
    public int? HeartbeatGeneration { get; set; }

    /// <summary>The clock stamp the last stamped heartbeat on this connection carried (null before the first): the next travels as a delta.</summary>
    public long? HeartbeatStampMs { get; set; }

    /// <summary>Starts recording what the next message changes, so <see cref="Rollback"/> can undo it.</summary>
    public void Begin()
    {
        _journal.Clear();
        _entriesAtBegin = _entries.Count;
        _keysAtBegin = _keys.Count;
        _clusterNameAtBegin = ClusterName;
    }

    /// <summary>Keeps what the message since <see cref="Begin"/> changed.</summary>
    public void Commit()
    {
        _journal.Clear();
        _entriesAtBegin = -1;
    }

    /// <summary>Undoes everything since <see cref="Begin"/>: the message was not sent against this table.</summary>
    public void Rollback()
    {
        if (_entriesAtBegin < 0)
        {
            throw new InvalidOperationException("Rollback without Begin");
        }

        for (var i = _journal.Count - 1; i >= 0; i--)
        {
            var (index, generation, version) = _journal[i];
            _entries[index].Generation = generation;
            _entries[index].Version = version;
        }

        for (var i = _entries.Count - 1; i >= _entriesAtBegin; i--)
        {
            _indexes.Remove(_entries[i].Endpoint);
            _entries.RemoveAt(i);
        }

        for (var i = _keys.Count - 1; i >= _keysAtBegin; i--)
        {
            _keyIndexes.Remove(_keys[i]);
            _keys.RemoveAt(i);
        }

        ClusterName = _clusterNameAtBegin;
        Commit();
    }

    /// <summary>Whether <paramref name="other"/> holds exactly the same state (tests: both ends of a connection agree).</summary>
    public bool SameAs(CompactGossipTable other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._entries.Count != _entries.Count || other._keys.Count != _keys.Count || other.ClusterName != ClusterName ||
            other.HeartbeatGeneration != HeartbeatGeneration || other.HeartbeatStampMs != HeartbeatStampMs)
        {
            return false;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            var (a, b) = (_entries[i], other._entries[i]);
            if (a.Endpoint != b.Endpoint || a.Generation != b.Generation || a.Version != b.Version)
            {
                return false;
            }
        }

        return _keys.SequenceEqual(other._keys, StringComparer.Ordinal);
    }

    private sealed class Entry(EndpointAddress endpoint, int generation, int version)
    {
        public EndpointAddress Endpoint { get; } = endpoint;

        public int Generation { get; set; } = generation;

        public int Version { get; set; } = version;
    }
}
