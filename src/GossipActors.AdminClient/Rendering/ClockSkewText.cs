using System.Globalization;

namespace GossipActors.AdminClient.Rendering;

/// <summary>A peer's clock skew as the tables print it: signed, with its error bound ("+120 ms ±3"), or "-" before any estimate.</summary>
public static class ClockSkewText
{
    public static string Format(long? skewMs, long? roundTripMs) => skewMs is { } skew
        ? string.Create(CultureInfo.InvariantCulture, $"{skew:+0;-0;0} ms ±{(roundTripMs ?? 0) / 2}")
        : "-";

    /// <summary>Whether an estimate exists and is further from zero than <paramref name="limitMs"/>.</summary>
    public static bool Beyond(long? skewMs, long limitMs) => skewMs is { } skew && Math.Abs(skew) > limitMs;
}
