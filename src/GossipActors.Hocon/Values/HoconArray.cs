using System.Collections;

namespace GossipActors.Hocon;

/// <summary>An ordered list of resolved values.</summary>
public sealed class HoconArray : HoconValue, IReadOnlyList<HoconValue>
{
    private readonly HoconValue[] _items;

    public HoconArray(IEnumerable<HoconValue> items, HoconOrigin origin)
        : base(origin)
    {
        _items = items.ToArray();
        long size = 1;
        foreach (var item in _items)
        {
            size = SaturatingAdd(size, item.TreeSize);
        }

        TreeSize = size;
    }

    internal override long TreeSize { get; }

    internal static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    public override HoconValueType Type => HoconValueType.Array;

    public override string? ConcatenationText => null;

    public int Count => _items.Length;

    public HoconValue this[int index] => _items[index];

    public IEnumerator<HoconValue> GetEnumerator() => ((IEnumerable<HoconValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconArray(_items, origin);
}
