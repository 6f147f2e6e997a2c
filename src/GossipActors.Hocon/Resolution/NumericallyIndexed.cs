using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GossipActors.Hocon.Resolution;

/// <summary>
/// The spec's conversion of <c>{ "0": a, "1": b }</c> into <c>[a, b]</c>, done only where a list is expected:
/// keys that are not non-negative integers are ignored, the rest sorted by value, gaps dropped.
/// </summary>
internal static class NumericallyIndexed
{
    public static bool TryConvert(HoconObject obj, [NotNullWhen(true)] out HoconArray? array)
    {
        var indexed = new List<(long Index, HoconValue Value)>();
        foreach (var (key, value) in obj)
        {
            if (key.Length > 0 && key.All(char.IsAsciiDigit)
                && long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                indexed.Add((index, value));
            }
        }

        if (indexed.Count == 0)
        {
            array = null;
            return false;
        }

        array = new HoconArray(indexed.OrderBy(e => e.Index).Select(e => e.Value), obj.Origin);
        return true;
    }
}
