namespace GossipActors.Protocol.Gossip;

/// <summary>
/// Version and generation arithmetic that cannot wrap. The codec carries both as non-negative 32-bit
/// integers, so a value past <see cref="Highest"/> would go negative and every peer would reject the
/// message that carries it as malformed: saturate instead.
/// </summary>
public static class Versions
{
    /// <summary>The highest version or generation the wire format carries; a clean shutdown is pinned here.</summary>
    public const int Highest = int.MaxValue;

    public static int After(int value) => value >= Highest ? Highest : value + 1;
}
