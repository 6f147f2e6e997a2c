namespace GossipActors.Node;

/// <summary>The node's exit codes (documented in docs/hosting.md).</summary>
public static class NodeExitCodes
{
    /// <summary>Stopped cleanly (SIGTERM, Ctrl-C, decommission).</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure; the message is on stderr.</summary>
    public const int Failure = 1;

    /// <summary>Wrong command-line arguments.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The configuration is invalid (file, --set, environment), the data directory is unusable or its local.json corrupt,
    /// or it belongs to a decommissioned node; the one-line message names the setting (and where it was set, or the file).
    /// </summary>
    public const int InvalidConfiguration = 3;

    /// <summary>"Unable to gossip with any seeds": the shadow round got no answer; the diagnosis per seed is on stderr.</summary>
    public const int SeedsUnreachable = 4;

    /// <summary>A live node with a newer generation already owns this address or host id.</summary>
    public const int EndpointCollision = 5;

    /// <summary>The gossip or admin port cannot be bound (in use, or not an address of this host).</summary>
    public const int CannotListen = 6;
}
