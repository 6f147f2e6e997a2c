namespace GossipActors.Remote;

/// <summary>Process-wide counters the admin endpoint can report.</summary>
public static class RemoteCounters
{
    private static long _malformed;
    private static long _refused;

    /// <summary>Connections closed because a peer sent bytes that broke the codec or framing rules.</summary>
    public static long MalformedInputs => Interlocked.Read(ref _malformed);

    /// <summary>Connections refused at the handshake or TLS stage.</summary>
    public static long RefusedConnections => Interlocked.Read(ref _refused);

    internal static void IncrementMalformed() => Interlocked.Increment(ref _malformed);

    internal static void IncrementRefused() => Interlocked.Increment(ref _refused);
}
