using System.Globalization;
using System.Text.Json;

namespace GossipActors.Hocon.Tests.Support;

/// <summary>Compares a resolved HOCON value with a JSON document as trees: key order ignored, numbers by value.</summary>
internal static class JsonTree
{
    /// <summary>Null when equal, otherwise the first difference with its path.</summary>
    public static string? Difference(JsonElement expected, HoconValue actual, string path = "$")
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                if (actual is not HoconObject obj)
                {
                    return $"{path}: expected an object, got {actual.TypeName} {actual}";
                }

                var expectedKeys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var actualKeys = obj.Keys.ToHashSet(StringComparer.Ordinal);
                if (!expectedKeys.SetEquals(actualKeys))
                {
                    return $"{path}: expected keys [{string.Join(", ", expectedKeys.Order())}], got [{string.Join(", ", actualKeys.Order())}]";
                }

                foreach (var property in expected.EnumerateObject())
                {
                    var difference = Difference(property.Value, obj[property.Name], $"{path}.{property.Name}");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.Array:
                if (actual is not HoconArray array)
                {
                    return $"{path}: expected a list, got {actual.TypeName} {actual}";
                }

                var items = expected.EnumerateArray().ToList();
                if (items.Count != array.Count)
                {
                    return $"{path}: expected {items.Count} elements, got {array.Count}: {actual}";
                }

                for (var i = 0; i < items.Count; i++)
                {
                    var difference = Difference(items[i], array[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.String:
                return actual is HoconString s && s.Value == expected.GetString()
                    ? null
                    : $"{path}: expected string {expected.GetRawText()}, got {actual.TypeName} {actual}";
            case JsonValueKind.Number:
                return actual is HoconNumber n
                    && decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                        == decimal.Parse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture)
                    ? null
                    : $"{path}: expected number {expected.GetRawText()}, got {actual.TypeName} {actual}";
            case JsonValueKind.True:
            case JsonValueKind.False:
                return actual is HoconBoolean b && b.Value == (expected.ValueKind == JsonValueKind.True)
                    ? null
                    : $"{path}: expected {expected.GetRawText()}, got {actual.TypeName} {actual}";
            default:
                return actual is HoconNull ? null : $"{path}: expected null, got {actual.TypeName} {actual}";
        }
    }

    /// <summary>Compares two resolved values as trees.</summary>
    public static string? Difference(HoconValue expected, HoconValue actual)
    {
        using var document = JsonDocument.Parse(expected.ToJson(indented: false));
        return Difference(document.RootElement, actual);
    }
}
