using System.Globalization;

namespace GossipActors.Node;

/// <summary>
/// Test hooks read from the environment by this host only (never settings: they would reach production through a
/// config file). docs/testing.md lists them.
/// </summary>
public static class FaultInjection
{
    /// <summary>Shifts the clock this node stamps gossip with by this many milliseconds (any sign), so its peers see it skewed.</summary>
    public const string ClockOffsetVariable = "GOSSIP_FAULT_CLOCK_OFFSET_MS";

    /// <exception cref="ArgumentException">The variable is set but is not a whole number of milliseconds; the message names it.</exception>
    public static TimeSpan ClockOffset(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var text = environment(ClockOffsetVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.Zero;
        }

        // A day either way: enough for any test, and far from the limits of the clocks it is added to.
        return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms) && Math.Abs(ms) <= 86_400_000
            ? TimeSpan.FromMilliseconds(ms)
            : throw new ArgumentException($"environment variable {ClockOffsetVariable}='{text}' is not a whole number of milliseconds between -86400000 and 86400000");
    }
}
