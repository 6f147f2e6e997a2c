namespace GossipActors.Remote;

/// <summary>Process-wide counters the admin endpoint can report.</summary>
public static class RemoteCounters
{
    private static long _malformed;
    private static long _refused;
    private static long _stalled;
    private static long _floodReleases;

    /// <summary>Connections closed because a peer sent bytes that broke the codec or framing rules.</summary>
    public static long MalformedInputs => Interlocked.Read(ref _malformed);

    /// <summary>Connections refused at the handshake or TLS stage.</summary>
    public static long RefusedConnections => Interlocked.Read(ref _refused);

    /// <summary>Connections closed because a message made no progress for <c>remote.message-progress-timeout</c>.</summary>
    public static long StalledMessages => Interlocked.Read(ref _stalled);

    /// <summary>Every connection this process closed or refused for what its peer did or failed to do.</summary>
    public static long HostileCloses => MalformedInputs + RefusedConnections + StalledMessages;

    /// <summary>Compacting collections run once a flood of hostile connections was over (<c>remote.flood-release-after</c>).</summary>
    public static long FloodMemoryReleases => Interlocked.Read(ref _floodReleases);

    internal static void IncrementMalformed() => Interlocked.Increment(ref _malformed);

    internal static void IncrementRefused() => Interlocked.Increment(ref _refused);

    internal static void IncrementStalled() => Interlocked.Increment(ref _stalled);

    internal static void IncrementFloodReleases() => Interlocked.Increment(ref _floodReleases);
}
