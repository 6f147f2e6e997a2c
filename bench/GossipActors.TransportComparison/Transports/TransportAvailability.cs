namespace GossipActors.TransportComparison.Transports;

/// <summary>
/// Says up front why a transport cannot run, so a missing driver reads as one sentence instead of the stack
/// trace Akka throws from deep inside the remote provider's start-up.
/// </summary>
public static class TransportAvailability
{
    /// <summary>Null when the transport can be tried; otherwise the reason it cannot.</summary>
    public static string? WhyUnavailable(TransportKind kind)
    {
        if (kind != TransportKind.Gtcp)
        {
            return null;
        }

        try
        {
            if (Type.GetType(TransportConfig.GtcpTransportClass, throwOnError: false) is not null)
            {
                return null;
            }
        }
        catch (Exception e) when (e is FileLoadException or BadImageFormatException)
        {
            return $"GossipActors.Remote.dll could not be loaded ({e.Message}).";
        }

        return $"the transport class '{TransportConfig.GtcpTransportClass}' is not in the GossipActors.Remote.dll built "
            + "with the harness: has the gtcp driver landed on this branch?";
    }
}
