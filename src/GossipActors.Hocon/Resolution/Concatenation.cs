using System.Text;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon.Resolution;

/// <summary>
/// Combines the resolved pieces of a value concatenation: strings join (whitespace between them kept), lists
/// append, objects merge. Undefined optional substitutions drop out; if nothing is left the field is undefined.
/// </summary>
internal static class Concatenation
{
    public static HoconValue? Combine(List<(Node Piece, HoconValue? Value)> parts, HoconOrigin origin, Action<long, HoconOrigin> produced)
    {
        var values = parts.Where(p => p.Value is not null).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var hasWhitespace = parts.Any(p => p.Piece is WhitespaceNode);
        if (values.Any(p => p.Value is HoconArray))
        {
            return CombineLists(values, origin, produced);
        }

        if (values.Any(p => p.Value is HoconObject))
        {
            return CombineObjects(values);
        }

        if (values.Count == 1 && !hasWhitespace)
        {
            return values[0].Value;
        }

        var text = new StringBuilder();
        foreach (var (piece, value) in parts)
        {
            text.Append(piece is WhitespaceNode whitespace ? whitespace.Text : value?.ConcatenationText);
        }

        produced(text.Length, origin);
        return new HoconString(text.ToString(), origin);
    }

    private static HoconArray CombineLists(List<(Node Piece, HoconValue? Value)> values, HoconOrigin origin, Action<long, HoconOrigin> produced)
    {
        var items = new List<HoconValue>();
        foreach (var (piece, value) in values)
        {
            switch (value)
            {
                case HoconArray array:
                    items.AddRange(array);
                    break;
                case HoconObject obj when NumericallyIndexed.TryConvert(obj, out var converted):
                    items.AddRange(converted);
                    break;
                default:
                    throw HoconParseException.At(piece.Origin,
                        $"cannot concatenate {Describe(value!)} with a list; only lists (or objects with numeric keys) can be appended to a list (with '+=', the earlier value must be a list)");
            }
        }

        produced(items.Count, origin);
        return new HoconArray(items, origin);
    }

    private static HoconObject CombineObjects(List<(Node Piece, HoconValue? Value)> values)
    {
        HoconObject? result = null;
        foreach (var (piece, value) in values)
        {
            if (value is not HoconObject obj)
            {
                throw HoconParseException.At(piece.Origin,
                    $"cannot concatenate {Describe(value!)} with an object; only objects can be merged with an object");
            }

            result = result is null ? obj : HoconObject.Merge(obj, result);
        }

        return result!;
    }

    private static string Describe(HoconValue value) => value switch
    {
        HoconString s => $"the string \"{Shorten(s.Value)}\" (from {value.Origin})",
        HoconObject => $"an object (from {value.Origin})",
        HoconArray => $"a list (from {value.Origin})",
        _ => $"the {value.TypeName} {value.ConcatenationText} (from {value.Origin})",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";
}
