using System.Globalization;

namespace GossipActors.AdminClient.Rendering;

/// <summary>Binary-prefixed sizes the way nodetool prints load ("103.56 KiB").</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Format(double? bytes)
    {
        if (bytes is not { } value || double.IsNaN(value) || value < 0)
        {
            return "?";
        }

        if (value < 1024)
        {
            return value.ToString("0", CultureInfo.InvariantCulture) + " B";
        }

        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.00", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
