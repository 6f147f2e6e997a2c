using System.Globalization;
using System.Numerics;
using GossipActors.Hocon.Resolution;
using GossipActors.Hocon.Units;

namespace GossipActors.Hocon;

/// <summary>
/// The spec's automatic type conversions for typed reads (numbers from numeric strings, booleans from
/// yes/no/on/off, lists from numerically-indexed objects, durations and sizes from unit strings), and the
/// errors that name the path, the expected type and where the value was set.
/// </summary>
internal static class Conversions
{
    internal static ConfigException WrongType(string path, string expected, HoconValue value, string? detail = null)
    {
        var found = value switch
        {
            HoconString s => $"the string \"{(s.Value.Length > 60 ? s.Value[..57] + "..." : s.Value)}\"",
            HoconNumber n => $"the number {n.Text}",
            HoconBoolean b => $"the boolean {b.ConcatenationText}",
            HoconObject => "an object",
            HoconArray => "a list",
            _ => "null",
        };
        var extra = detail is null ? string.Empty : $" ({detail})";
        return new ConfigException(path, expected, value.Origin,
            $"{path}: expected {expected} but found {found}{extra}, set at {value.Origin.ToLocationString()}");
    }

    internal static string AsString(string path, HoconValue value) => value switch
    {
        HoconString s => s.Value,
        HoconNumber n => n.Text,
        HoconBoolean b => b.Value ? "true" : "false",
        _ => throw WrongType(path, "string", value),
    };

    internal static int AsInt(string path, HoconValue value)
    {
        var number = AsLong(path, value, "integer");
        if (number is < int.MinValue or > int.MaxValue)
        {
            throw WrongType(path, "integer", value, "out of the 32-bit range; use GetLong");
        }

        return (int)number;
    }

    internal static long AsLong(string path, HoconValue value, string expected)
    {
        switch (value)
        {
            case HoconNumber { IsInteger: true } n:
                return n.LongValue;
            case HoconNumber n when n.DoubleValue == Math.Truncate(n.DoubleValue) && Math.Abs(n.DoubleValue) < 9.2e18:
                return (long)n.DoubleValue;
            case HoconString s when long.TryParse(s.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case HoconString s when TryParseDouble(s.Value, out var d) && d == Math.Truncate(d) && Math.Abs(d) < 9.2e18:
                return (long)d;
            default:
                throw WrongType(path, expected, value);
        }
    }

    internal static double AsDouble(string path, HoconValue value)
    {
        switch (value)
        {
            case HoconNumber n:
                return n.DoubleValue;
            case HoconString s when TryParseDouble(s.Value, out var d):
                return d;
            default:
                throw WrongType(path, "number", value);
        }
    }

    internal static bool TryParseDouble(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static bool AsBoolean(string path, HoconValue value) => value switch
    {
        HoconBoolean b => b.Value,
        HoconString { Value: "true" or "yes" or "on" } => true,
        HoconString { Value: "false" or "no" or "off" } => false,
        _ => throw WrongType(path, "boolean (true/false, yes/no, on/off)", value),
    };

    internal static TimeSpan AsDuration(string path, HoconValue value)
    {
        var text = TextWithUnit(path, value, "duration");

        if (!UnitParser.TryParseDurationTicks(text, out var ticks, out var error))
        {
            throw WrongType(path, "duration", value, error);
        }

        return TimeSpan.FromTicks(ticks);
    }

    // Durations and sizes are numbers (milliseconds / bytes) or strings carrying a unit; both are parsed as text.
    private static string TextWithUnit(string path, HoconValue value, string expected) => value switch
    {
        HoconNumber n => n.Text,
        HoconString s => s.Value,
        _ => throw WrongType(path, expected, value),
    };

    internal static BigInteger AsByteSize(string path, HoconValue value)
    {
        var text = TextWithUnit(path, value, "size in bytes");

        if (!UnitParser.TryParseBytes(text, out var bytes, out var error))
        {
            throw WrongType(path, "size in bytes", value, error);
        }

        return bytes;
    }

    internal static IReadOnlyList<HoconValue> AsList(string path, HoconValue value, string expected) => value switch
    {
        HoconArray array => array,
        HoconObject obj when NumericallyIndexed.TryConvert(obj, out var converted) => converted,
        _ => throw WrongType(path, expected, value),
    };
}
