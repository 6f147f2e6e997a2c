using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace GossipActors.Hocon;

/// <summary>
/// An object of resolved values. Keys keep the order in which they were first defined, so rendering
/// follows the file; equality of configurations does not depend on that order.
/// </summary>
public sealed class HoconObject : HoconValue, IReadOnlyDictionary<string, HoconValue>
{
    private readonly Dictionary<string, HoconValue> _fields;
    private readonly string[] _order;

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, HoconOrigin origin)
        : base(origin)
    {
        _fields = new Dictionary<string, HoconValue>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in fields)
        {
            if (!_fields.ContainsKey(key))
            {
                order.Add(key);
            }

            _fields[key] = value;
        }

        _order = order.ToArray();
        long size = 1;
        foreach (var value in _fields.Values)
        {
            size = HoconArray.SaturatingAdd(size, value.TreeSize);
        }

        TreeSize = size;
    }

    internal override long TreeSize { get; }

    public override HoconValueType Type => HoconValueType.Object;

    public override string? ConcatenationText => null;

    public int Count => _order.Length;

    /// <summary>Keys in first-definition order.</summary>
    public IEnumerable<string> Keys => _order;

    public IEnumerable<HoconValue> Values => _order.Select(k => _fields[k]);

    public HoconValue this[string key] => _fields[key];

    public bool ContainsKey(string key) => _fields.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _fields.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, HoconValue>> GetEnumerator()
    {
        foreach (var key in _order)
        {
            yield return new KeyValuePair<string, HoconValue>(key, _fields[key]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal override HoconValue WithOrigin(HoconOrigin origin) => new HoconObject(this, origin);

    /// <summary>
    /// Merges two resolved objects the HOCON way: fields of <paramref name="top"/> win, fields that are objects on
    /// both sides merge recursively, and a non-object in <paramref name="top"/> hides an object below it.
    /// </summary>
    internal static HoconObject Merge(HoconObject top, HoconObject bottom)
    {
        if (bottom.Count == 0)
        {
            return top;
        }

        if (top.Count == 0)
        {
            return new HoconObject(bottom, top.Origin);
        }

        var merged = new List<KeyValuePair<string, HoconValue>>(bottom.Count + top.Count);
        foreach (var (key, lower) in bottom)
        {
            if (top.TryGetValue(key, out var upper))
            {
                merged.Add(new(key, upper is HoconObject upperObject && lower is HoconObject lowerObject
                    ? Merge(upperObject, lowerObject)
                    : upper));
            }
            else
            {
                merged.Add(new(key, lower));
            }
        }

        foreach (var (key, upper) in top)
        {
            if (!bottom.ContainsKey(key))
            {
                merged.Add(new(key, upper));
            }
        }

        return new HoconObject(merged, top.Origin);
    }
}
