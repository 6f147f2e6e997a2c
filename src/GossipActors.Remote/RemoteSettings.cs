using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
using GossipActors.Protocol.Security;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Diagnostics;

namespace GossipActors.Remote;

public enum CompressionMode
{
    None,

    /// <summary>Only on connections whose peer reports a different data centre.</summary>
    Dc,
    All,
}

/// <summary><c>remote.tls</c>: mutual TLS. Certificate and key are PEM files, or certificate is a PFX/P12 with the key inside.</summary>
public sealed record TlsSettings(bool Enabled, string? Certificate = null, string? Key = null, string? Ca = null, string? Password = null)
{
    public static TlsSettings Disabled { get; } = new(false);
}

/// <summary>
/// The <c>remote</c> section of the configuration, plus the node identity the handshake carries. It carries no
/// defaults of its own: <see cref="RemoteSettingsBinder"/> binds it from configuration, reference.conf under it.
/// </summary>
public sealed record RemoteSettings
{
    public const int DefaultMtu = 1500;

    /// <summary>The smallest MTU discovery tries: the IPv6 minimum, which every sane path carries.</summary>
    public const int DiscoveryFloorMtu = 1280;

    /// <summary>
    /// This node's address as peers know it: sent in the handshake and used as the gossip identity. It is the
    /// listen address unless a broadcast address was given (then see <see cref="ListenAddress"/>).
    /// </summary>
    public required EndpointAddress Address { get; init; }

    /// <summary>
    /// Where the listener binds when that is not <see cref="Address"/>: a wildcard such as 0.0.0.0, or a private
    /// address behind NAT, with <see cref="Address"/> the broadcast address peers dial. Null binds <see cref="Address"/>.
    /// </summary>
    public EndpointAddress? ListenAddress { get; init; }

    public required string ClusterName { get; init; }

    public required string DataCenter { get; init; }

    public Guid HostId { get; init; }

    /// <summary>
    /// This process's incarnation, sent in every Hello and HelloAccepted: the gtcp transport draws a new one at each start,
    /// so a peer tells a node restarted on the same address from the one its gossip link was connected to.
    /// </summary>
    public int Generation { get; init; }

    public required int MaximumMessageSize { get; init; }

    public required int ReassemblyBufferLimit { get; init; }

    /// <summary>Inbound connections that may be between accept and the end of the handshake at once; more are refused.</summary>
    public required int MaximumUnauthenticatedConnections { get; init; }

    /// <summary>
    /// <c>remote.flood-release-after</c>: connections refused or closed for bad input that make a flood, after which
    /// (once none has come for a few seconds) the node runs one compacting collection; 0 never does.
    /// </summary>
    public required int FloodReleaseAfter { get; init; }

    /// <summary>What a connection's messages in flight may declare together before the handshake completes.</summary>
    public required int UnauthenticatedBufferLimit { get; init; }

    /// <summary>A frame begun, or a message in flight, that makes no progress for this long closes its connection.</summary>
    public required TimeSpan MessageProgressTimeout { get; init; }

    /// <summary><c>remote.mtu</c> when the operator set it; only then is the TCP segment size clamped.</summary>
    public int? ExplicitMtu { get; init; }

    /// <summary>The MTU frames are cut for.</summary>
    public int Mtu => ExplicitMtu ?? DefaultMtu;

    public required bool MtuDiscovery { get; init; }

    public required TimeSpan StallTimeout { get; init; }

    /// <summary>How often TCP_INFO is sampled for stall detection.</summary>
    public required TimeSpan StallCheckInterval { get; init; }

    public required TimeSpan ConnectTimeout { get; init; }

    public required TimeSpan HandshakeTimeout { get; init; }

    public required TimeSpan BackoffMinimum { get; init; }

    public required TimeSpan BackoffMaximum { get; init; }

    /// <summary>A keep-alive message is sent when nothing else was sent for this long.</summary>
    public required TimeSpan IdleKeepAlive { get; init; }

    /// <summary>Kernel TCP keepalive (SO_KEEPALIVE), useful across data centres where NAT tables expire.</summary>
    public required bool TcpKeepAlive { get; init; }

    /// <summary>
    /// Whether this node opens a UDP socket on its address for direct heartbeats and watches
    /// (<c>remote.heartbeat-datagrams</c>: auto is on unless TLS or a keyring is configured, since datagrams are neither
    /// encrypted nor authenticated).
    /// </summary>
    public bool HeartbeatDatagrams { get; init; }

    public required CompressionMode Compression { get; init; }

    public required TlsSettings Tls { get; init; }

    /// <summary>
    /// <c>remote.keyring</c>: the shared cluster keys every connection must prove it holds, and whose session keys
    /// seal each message; null when none is configured (then the cluster name is the only check).
    /// </summary>
    public required Keyring? Keyring { get; init; }

    /// <summary>Where connections made with these settings note keyring refusals, so each address is logged once a minute.</summary>
    public RefusalLog Refusals { get; init; } = new();

    /// <summary>True sends messages whole, in order, instead of interleaving their frames; only the benchmarks set it.</summary>
    public bool InOrder { get; init; }

    public CodecLimits CodecLimits => new() { MaximumMessageSize = MaximumMessageSize };

    /// <summary>Where connections made with these settings count their traffic; null counts nothing.</summary>
    public TransportCounters? Counters { get; init; }

    /// <summary>
    /// The clock whose timer runs the connections' stall checks (<c>stall-check-interval</c>); null is each
    /// connection's own clock. The gtcp transport gives it the gossip stage's event loop, whose thread is awake for
    /// gossip anyway: the checks are a few reads of TCP_INFO that never block, and on the .NET timer each tick woke
    /// the timer thread and two thread-pool workers.
    /// </summary>
    public TimeProvider? StallCheckClock { get; init; }
}
