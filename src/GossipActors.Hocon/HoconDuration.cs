using GossipActors.Hocon.Units;

namespace GossipActors.Hocon;

/// <summary>
/// A duration written as in HOCON (<c>90s</c>, <c>10m</c>, <c>1h</c>, <c>500</c> for milliseconds), for command
/// lines that take durations the way configuration files do.
/// </summary>
public static class HoconDuration
{
    /// <returns>False, with <paramref name="error"/> naming the accepted units, when <paramref name="text"/> is not a duration.</returns>
    public static bool TryParse(string text, out TimeSpan duration, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = UnitParser.TryParseDurationTicks(text, out var ticks, out error);
        duration = parsed ? TimeSpan.FromTicks(ticks) : default;
        return parsed;
    }
}
