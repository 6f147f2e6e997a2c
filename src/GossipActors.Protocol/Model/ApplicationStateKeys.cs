namespace GossipActors.Protocol.Model;

/// <summary>
/// The well-known application state names (Cassandra's spelling, so <c>gossipinfo</c> reads the same).
/// Any other non-empty name is an application-defined key, like a Serf tag.
/// </summary>
public static class ApplicationStateKeys
{
    public const string Status = "STATUS";
    public const string Load = "LOAD";
    public const string Schema = "SCHEMA";
    public const string Dc = "DC";
    public const string Rack = "RACK";
    public const string ReleaseVersion = "RELEASE_VERSION";
    public const string RemovalCoordinator = "REMOVAL_COORDINATOR";
    public const string Severity = "SEVERITY";
    public const string NetVersion = "NET_VERSION";
    public const string HostId = "HOST_ID";
    public const string Tokens = "TOKENS";
    public const string RpcReady = "RPC_READY";
    public const string InternalAddressAndPort = "INTERNAL_ADDRESS_AND_PORT";
    public const string NativeAddressAndPort = "NATIVE_ADDRESS_AND_PORT";
    public const string StatusWithPort = "STATUS_WITH_PORT";
    public const string SstableVersions = "SSTABLE_VERSIONS";
    public const string DiskUsage = "DISK_USAGE";

    /// <summary>The fingerprint of the node's cluster-wide settings (configuration parity); not Cassandra's.</summary>
    public const string Config = "CONFIG";

    /// <summary>
    /// Ours, not Cassandra's: the endpoints this node, as one of their observers, holds unreachable, as
    /// <c>host:port@generation</c> separated by commas (see <see cref="Gossip.UnreachableClaims"/>); absent or empty: none.
    /// </summary>
    public const string Unreachable = "UNREACHABLE";

    public static IReadOnlyList<string> WellKnown { get; } =
    [
        Status, Load, Schema, Dc, Rack, ReleaseVersion, RemovalCoordinator, Severity, NetVersion, HostId,
        Tokens, RpcReady, InternalAddressAndPort, NativeAddressAndPort, StatusWithPort, SstableVersions, DiskUsage,
    ];

    public static bool IsWellKnown(string key) => WellKnown.Contains(key, StringComparer.Ordinal);
}
