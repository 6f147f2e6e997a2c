using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Actors.Internal;

/// <summary>Turns the <c>actors</c> configuration section (HOCON text values) into settings, naming the key on any error.</summary>
internal static class SettingsReader
{
    public static ActorSystemSettings Read(IConfiguration section, ActorSystemSettings defaults)
    {
        ArgumentNullException.ThrowIfNull(section);
        var prefix = section is IConfigurationSection named && named.Path.Length > 0 ? named.Path.Replace(':', '.') + "." : "actors.";
        var settings = defaults;
        if (section["throughput"] is { } throughput)
        {
            if (!int.TryParse(throughput.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                throw Bad(prefix + "throughput", throughput, "a whole number of messages, at least 1");
            }

            settings = settings with { Throughput = value };
        }

        if (section["ask-timeout"] is { } askTimeout)
        {
            settings = settings with { AskTimeout = PositiveDuration(prefix + "ask-timeout", askTimeout) };
        }

        if (section["stop-timeout"] is { } stopTimeout)
        {
            settings = settings with { StopTimeout = PositiveDuration(prefix + "stop-timeout", stopTimeout) };
        }

        if (section["log-dead-letters"] is { } logDeadLetters)
        {
            settings = settings with { LogDeadLetters = Boolean(prefix + "log-dead-letters", logDeadLetters) };
        }

        if (section["dispatcher"] is { } dispatcher && !string.Equals(dispatcher.Trim(), "thread-pool", StringComparison.Ordinal))
        {
            throw Bad(prefix + "dispatcher", dispatcher, "thread-pool (the only dispatcher a configured system can use; tests get the deterministic one from the TestKit)");
        }

        return settings;
    }

    /// <summary>HOCON durations: a number with ns, us, ms, s, m, h or d (or their long names); a bare number is milliseconds.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] is '.' or '-' or '+'))
        {
            split++;
        }

        if (split == 0 || !double.TryParse(trimmed[..split], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        double? ticksPerUnit = trimmed[split..].Trim() switch
        {
            "" or "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => TimeSpan.TicksPerMillisecond,
            "ns" or "nano" or "nanos" or "nanosecond" or "nanoseconds" => 0.01,
            "us" or "micro" or "micros" or "microsecond" or "microseconds" => 10,
            "s" or "second" or "seconds" => TimeSpan.TicksPerSecond,
            "m" or "minute" or "minutes" => TimeSpan.TicksPerMinute,
            "h" or "hour" or "hours" => TimeSpan.TicksPerHour,
            "d" or "day" or "days" => TimeSpan.TicksPerDay,
            _ => null,
        };
        if (ticksPerUnit is not { } factor || double.IsNaN(amount * factor) || Math.Abs(amount * factor) > TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(amount * factor));
        return true;
    }

    private static TimeSpan PositiveDuration(string key, string text) =>
        TryParseDuration(text, out var duration) && duration > TimeSpan.Zero
            ? duration
            : throw Bad(key, text, "a positive duration such as 500ms, 5s or 1m");

    private static bool Boolean(string key, string text) => text.Trim().ToLowerInvariant() switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        _ => throw Bad(key, text, "on/off, true/false or yes/no"),
    };

    private static FormatException Bad(string key, string value, string expected) =>
        new($"{key}: '{value}' is not valid; expected {expected}");
}
