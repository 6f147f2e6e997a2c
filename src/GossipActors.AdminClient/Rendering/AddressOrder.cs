using GossipActors.Protocol.Model;

namespace GossipActors.AdminClient.Rendering;

/// <summary>Orders HOST:PORT text by host, then numerically by port, so :7000 comes before :10000.</summary>
public sealed class AddressOrder : IComparer<string>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var xOk = EndpointAddress.TryParse(x, out var xa, out _);
        var yOk = EndpointAddress.TryParse(y, out var ya, out _);
        return (xOk, yOk) switch
        {
            (true, true) => xa.CompareTo(ya),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(x, y),
        };
    }
}
