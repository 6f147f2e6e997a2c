namespace GossipActors.TransportComparison.Measurement;

/// <summary>
/// One definition of a megabyte for every figure: 2^20 bytes, as the existing remoting rows in
/// docs/performance.md use, so the tables can be read side by side.
/// </summary>
public static class Units
{
    public const double Mebibyte = 1024 * 1024;
}
