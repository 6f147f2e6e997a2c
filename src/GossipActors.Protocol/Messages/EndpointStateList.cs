using System.Collections;
using System.Diagnostics.CodeAnalysis;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Messages;

/// <summary>
/// The states carried by an ACK or ACK2, kept in the order they were added. Building a hash map for
/// every message would cost more than the message itself in large clusters; receivers only iterate, and
/// the rare keyed lookup builds the map on first use.
/// </summary>
public sealed class EndpointStateList : IReadOnlyDictionary<EndpointAddress, EndpointState>
{
    private readonly List<KeyValuePair<EndpointAddress, EndpointState>> _items;
    private Dictionary<EndpointAddress, EndpointState>? _lookup;

    public EndpointStateList(int capacity = 4) => _items = new(capacity);

    public EndpointStateList(IEnumerable<KeyValuePair<EndpointAddress, EndpointState>> items)
    {
        _items = [];
        foreach (var item in items)
        {
            Add(item.Key, item.Value);
        }
    }

    public int Count => _items.Count;

    public KeyValuePair<EndpointAddress, EndpointState> this[int index] => _items[index];

    public EndpointState this[EndpointAddress key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no state for {key} in this message");

    public IEnumerable<EndpointAddress> Keys => _items.Select(item => item.Key);

    public IEnumerable<EndpointState> Values => _items.Select(item => item.Value);

    /// <summary>Adds a state; an endpoint may appear once, as in a map.</summary>
    public void Add(EndpointAddress endpoint, EndpointState state)
    {
        if (_lookup is not null)
        {
            _lookup.Add(endpoint, state);
        }
        else if (_items.Count < 16 && _items.Exists(item => item.Key == endpoint))
        {
            throw new ArgumentException($"endpoint {endpoint} is already in this message", nameof(endpoint));
        }

        _items.Add(new(endpoint, state));
    }

    public bool ContainsKey(EndpointAddress key) => TryGetValue(key, out _);

    public bool TryGetValue(EndpointAddress key, [MaybeNullWhen(false)] out EndpointState value)
    {
        if (_lookup is null)
        {
            _lookup = new(_items.Count);
            foreach (var item in _items)
            {
                _lookup[item.Key] = item.Value;
            }
        }

        return _lookup.TryGetValue(key, out value);
    }

    public List<KeyValuePair<EndpointAddress, EndpointState>>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<KeyValuePair<EndpointAddress, EndpointState>> IEnumerable<KeyValuePair<EndpointAddress, EndpointState>>.GetEnumerator() =>
        _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
