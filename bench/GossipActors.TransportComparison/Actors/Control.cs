namespace GossipActors.TransportComparison.Actors;

// Local-only control messages from the driver: they never cross the transport, so they need no serializer.

/// <summary>Tells a sender to let its outstanding messages drain and send no more.</summary>
public sealed class StopSending
{
    public static readonly StopSending Instance = new();

    private StopSending()
    {
    }
}

/// <summary>Asks an actor for what it measured; each answers with its own result type.</summary>
public sealed class ReportRequest
{
    public static readonly ReportRequest Instance = new();

    private ReportRequest()
    {
    }
}

/// <summary>What the large-message sink counted inside the window.</summary>
public readonly record struct LargeReport(long Received);
