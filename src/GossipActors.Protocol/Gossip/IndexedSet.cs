namespace GossipActors.Protocol.Gossip;

/// <summary>
/// A set with O(1) add, remove and random pick by index, which is what peer selection needs over
/// thousands of live endpoints. Removal swaps the last element in, so the order depends only on the
/// sequence of operations (deterministic under a seeded simulation).
/// </summary>
public sealed class IndexedSet<T> : IReadOnlyList<T>
    where T : notnull
{
    private readonly List<T> _items = [];
    private readonly Dictionary<T, int> _positions = [];

    public int Count => _items.Count;

    public void EnsureCapacity(int capacity)
    {
        _items.EnsureCapacity(capacity);
        _positions.EnsureCapacity(capacity);
    }

    public T this[int index] => _items[index];

    public bool Contains(T item) => _positions.ContainsKey(item);

    public bool Add(T item)
    {
        if (!_positions.TryAdd(item, _items.Count))
        {
            return false;
        }

        _items.Add(item);
        return true;
    }

    public bool Remove(T item)
    {
        if (!_positions.Remove(item, out var position))
        {
            return false;
        }

        var last = _items.Count - 1;
        if (position != last)
        {
            var moved = _items[last];
            _items[position] = moved;
            _positions[moved] = position;
        }

        _items.RemoveAt(last);
        return true;
    }

    public List<T>.Enumerator GetEnumerator() => _items.GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => _items.GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
