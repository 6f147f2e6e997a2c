using System.Globalization;

namespace GossipActors.AdminClient.Rendering;

/// <summary>Phi as text: two decimals, and the non-finite values spelled out rather than as symbols.</summary>
public static class Phi
{
    public static string Format(double phi) => phi switch
    {
        double.PositiveInfinity => "Infinity",
        double.NaN => "NaN",
        _ => phi.ToString("0.00", CultureInfo.InvariantCulture),
    };
}
