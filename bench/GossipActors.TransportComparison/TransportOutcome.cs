using GossipActors.TransportComparison.Measurement;
using GossipActors.TransportComparison.Transports;

namespace GossipActors.TransportComparison;

/// <summary>What one transport's run produced: figures, or the reason there are none.</summary>
public sealed record TransportOutcome(TransportKind Kind, TransportFigures? Figures, string? Error)
{
    public static TransportOutcome Measured(TransportKind kind, TransportFigures figures) => new(kind, figures, null);

    public static TransportOutcome Failed(TransportKind kind, string error) => new(kind, null, error);
}

/// <summary>Everything measured inside one transport's window.</summary>
/// <param name="AddressOfB">Shows which transport actually carried the messages.</param>
/// <param name="WindowSeconds">Length of the window the counts are divided by.</param>
/// <param name="SmallOneWay">A's send to B's echo handling it; its count is the small messages B handled.</param>
/// <param name="SmallRoundTrip">A's send to A handling the echo.</param>
/// <param name="LargeReceived">Large messages B's sink handled.</param>
/// <param name="LargeBytes">Size of each large message.</param>
/// <param name="Resources">The whole process (both systems) over the window.</param>
public sealed record TransportFigures(
    string AddressOfB,
    double WindowSeconds,
    LatencySummary SmallOneWay,
    LatencySummary SmallRoundTrip,
    long LargeReceived,
    int LargeBytes,
    ResourceUse Resources)
{
    public double SmallPerSecond => SmallOneWay.Count / WindowSeconds;

    public double LargePerSecond => LargeReceived / WindowSeconds;

    public double LargeMiBPerSecond => LargeReceived * (double)LargeBytes / WindowSeconds / Units.Mebibyte;
}
