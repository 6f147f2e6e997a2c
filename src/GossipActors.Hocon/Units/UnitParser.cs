using System.Numerics;

namespace GossipActors.Hocon.Units;

/// <summary>
/// The spec's "units format": optional whitespace, a number, optional whitespace, an optional unit made of letters,
/// optional whitespace. Durations default to milliseconds and sizes to bytes.
/// </summary>
internal static class UnitParser
{
    private static readonly Dictionary<string, BigInteger> DurationUnitsInNanoseconds = BuildDurationUnits();
    private static readonly Dictionary<string, BigInteger> SizeUnitsInBytes = BuildSizeUnits();

    public const string DurationUnitList = "ns, us, ms, s, m, h, d (or nanos, micros, millis, seconds, minutes, hours, days)";
    public const string SizeUnitList = "B; kB, MB, GB, TB, PB, EB, ZB, YB (powers of 1000); K/Ki/KiB, M/Mi/MiB, G/Gi/GiB, ... (powers of 1024)";

    /// <summary>Ticks (100 ns) of a duration text, or an explanation of why it is not one.</summary>
    public static bool TryParseDurationTicks(string text, out long ticks, out string error) =>
        TryParse(text, DurationUnitsInNanoseconds, "ms", 100, DurationUnitList, out ticks, out error);

    /// <summary>Bytes of a size text, or an explanation of why it is not one.</summary>
    public static bool TryParseBytes(string text, out BigInteger bytes, out string error)
    {
        bytes = default;
        if (!TryParseScaled(text, SizeUnitsInBytes, "B", 1, SizeUnitList, out var value, out error))
        {
            return false;
        }

        bytes = value;
        return true;
    }

    private static bool TryParse(string text, Dictionary<string, BigInteger> units, string defaultUnit, long divisor, string unitList, out long result, out string error)
    {
        result = 0;
        if (!TryParseScaled(text, units, defaultUnit, divisor, unitList, out var value, out error))
        {
            return false;
        }

        if (value < long.MinValue || value > long.MaxValue)
        {
            error = $"'{text}' is out of range";
            return false;
        }

        result = (long)value;
        return true;
    }

    private static bool TryParseScaled(string text, Dictionary<string, BigInteger> units, string defaultUnit, long divisor, string unitList, out BigInteger value, out string error)
    {
        value = default;
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var used = ExactNumber.TryParsePrefix(text, i, out var number);
        if (used == 0)
        {
            error = $"'{text}' does not start with a number";
            return false;
        }

        var unit = text[(i + used)..].Trim();
        if (unit.Length == 0)
        {
            unit = defaultUnit;
        }

        if (!unit.All(char.IsLetter))
        {
            error = $"'{text}' is a number followed by '{unit}', which is not a unit";
            return false;
        }

        if (!units.TryGetValue(unit, out var factor))
        {
            error = $"unknown unit '{unit}' in '{text}'; valid units: {unitList}";
            return false;
        }

        var scaled = number.Scale(factor, divisor);
        if (scaled is null)
        {
            error = $"'{text}' is out of range";
            return false;
        }

        value = scaled.Value;
        error = string.Empty;
        return true;
    }

    private static Dictionary<string, BigInteger> BuildDurationUnits()
    {
        var units = new Dictionary<string, BigInteger>(StringComparer.Ordinal);
        void Add(BigInteger nanos, params string[] names)
        {
            foreach (var name in names)
            {
                units[name] = nanos;
            }
        }

        Add(1, "ns", "nano", "nanos", "nanosecond", "nanoseconds");
        Add(1_000, "us", "micro", "micros", "microsecond", "microseconds");
        Add(1_000_000, "ms", "milli", "millis", "millisecond", "milliseconds");
        Add(1_000_000_000, "s", "second", "seconds");
        Add(60_000_000_000, "m", "minute", "minutes");
        Add(3_600_000_000_000, "h", "hour", "hours");
        Add(86_400_000_000_000, "d", "day", "days");
        return units;
    }

    private static Dictionary<string, BigInteger> BuildSizeUnits()
    {
        var units = new Dictionary<string, BigInteger>(StringComparer.Ordinal)
        {
            ["B"] = 1,
            ["b"] = 1,
            ["byte"] = 1,
            ["bytes"] = 1,
        };

        string[] decimalPrefixes = ["k", "M", "G", "T", "P", "E", "Z", "Y"];
        string[] decimalWords = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryWords = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        for (var power = 1; power <= decimalPrefixes.Length; power++)
        {
            var si = BigInteger.Pow(1000, power);
            var prefix = decimalPrefixes[power - 1];
            units[prefix + "B"] = si;
            units[decimalWords[power - 1] + "byte"] = si;
            units[decimalWords[power - 1] + "bytes"] = si;

            var binary = BigInteger.Pow(1024, power);
            var letter = prefix.ToUpperInvariant();
            units[letter] = binary;
            units[letter.ToLowerInvariant()] = binary;
            units[letter + "i"] = binary;
            units[letter + "iB"] = binary;
            units[binaryWords[power - 1] + "byte"] = binary;
            units[binaryWords[power - 1] + "bytes"] = binary;
        }

        return units;
    }
}
