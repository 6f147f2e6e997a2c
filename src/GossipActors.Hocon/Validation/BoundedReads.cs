using System.Globalization;

namespace GossipActors.Hocon;

/// <summary>
/// Typed reads that also refuse values outside the range a setting accepts, so every binder states its bounds the same
/// way: <c>PATH = VALUE is out of range; accepted … (set at WHERE)</c>. The bounds themselves are documented next to
/// each setting in hocon/reference.conf.
/// </summary>
public static class BoundedReads
{
    /// <summary>A duration greater than zero and at most <paramref name="maximum"/>.</summary>
    /// <exception cref="ConfigException">Not a duration, or out of range; the message names the setting and where it was set.</exception>
    public static TimeSpan GetPositiveDuration(this Config config, string path, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.GetDuration(path);
        return value > TimeSpan.Zero && value <= maximum
            ? value
            : throw OutOfRange(config, path, $"more than 0 and at most {FormatDuration(maximum)}");
    }

    /// <summary>A duration from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    /// <exception cref="ConfigException">Not a duration, or out of range.</exception>
    public static TimeSpan GetDurationWithin(this Config config, string path, TimeSpan minimum, TimeSpan maximum)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.GetDuration(path);
        return value >= minimum && value <= maximum
            ? value
            : throw OutOfRange(config, path, $"{FormatDuration(minimum)}-{FormatDuration(maximum)}");
    }

    /// <summary>An integer from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    /// <exception cref="ConfigException">Not an integer, or out of range.</exception>
    public static int GetIntWithin(this Config config, string path, int minimum, int maximum)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.GetLong(path);
        return value >= minimum && value <= maximum
            ? (int)value
            : throw OutOfRange(config, path, string.Create(CultureInfo.InvariantCulture, $"{minimum}-{maximum}"));
    }

    /// <summary>A size in bytes from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    /// <exception cref="ConfigException">Not a size, or out of range.</exception>
    public static long GetBytesWithin(this Config config, string path, long minimum, long maximum)
    {
        ArgumentNullException.ThrowIfNull(config);
        var value = config.GetByteSize(path);
        return value >= minimum && value <= maximum
            ? (long)value
            : throw OutOfRange(config, path, $"{FormatBytes(minimum)}-{FormatBytes(maximum)}");
    }

    /// <summary><c>PATH = VALUE is out of range; accepted RANGE (set at WHERE)</c>.</summary>
    public static ConfigException OutOfRange(Config config, string path, string accepted)
    {
        ArgumentNullException.ThrowIfNull(config);
        var written = config.TryGetValue(path, out var value) ? value.ConcatenationText ?? $"a {value.TypeName}" : "(absent)";
        return ConfigException.Invalid(config, path, $"= {written} is out of range; accepted {accepted}");
    }

    /// <summary>A bound in the units reference.conf uses: 10m, 30d, 250ms.</summary>
    public static string FormatDuration(TimeSpan value)
    {
        var ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            0 => "0",
            _ when ms % 86_400_000 == 0 => Text(ms / 86_400_000, "d"),
            _ when ms % 3_600_000 == 0 => Text(ms / 3_600_000, "h"),
            _ when ms % 60_000 == 0 => Text(ms / 60_000, "m"),
            _ when ms % 1000 == 0 => Text(ms / 1000, "s"),
            _ => Text(ms, "ms"),
        };
    }

    /// <summary>A bound in the units reference.conf uses: 1KiB, 256MiB, 1400B.</summary>
    public static string FormatBytes(long value) => value switch
    {
        0 => "0B",
        _ when value % (1L << 30) == 0 => Text(value >> 30, "GiB"),
        _ when value % (1L << 20) == 0 => Text(value >> 20, "MiB"),
        _ when value % (1L << 10) == 0 => Text(value >> 10, "KiB"),
        _ => Text(value, "B"),
    };

    private static string Text(long number, string unit) => number.ToString(CultureInfo.InvariantCulture) + unit;
}
