using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
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
/// The <c>remote</c> section of the configuration, plus the node identity the handshake carries.
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

    public string DataCenter { get; init; } = "dc1";

    public Guid HostId { get; init; } = Guid.Empty;

    public int Generation { get; init; }

    public int MaximumMessageSize { get; init; } = CodecLimits.DefaultMaximumMessageSize;

    public int ReassemblyBufferLimit { get; init; } = 64 * 1024 * 1024;

    /// <summary><c>remote.mtu</c> when the operator set it; only then is the TCP segment size clamped.</summary>
    public int? ExplicitMtu { get; init; }

    /// <summary>The MTU frames are cut for.</summary>
    public int Mtu => ExplicitMtu ?? DefaultMtu;

    public bool MtuDiscovery { get; init; } = true;

    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often TCP_INFO is sampled for stall detection.</summary>
    public TimeSpan StallCheckInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan BackoffMinimum { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan BackoffMaximum { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A keep-alive message is sent when nothing else was sent for this long.</summary>
    public TimeSpan IdleKeepAlive { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Kernel TCP keepalive (SO_KEEPALIVE), useful across data centres where NAT tables expire.</summary>
    public bool TcpKeepAlive { get; init; }

    public CompressionMode Compression { get; init; } = CompressionMode.None;

    public TlsSettings Tls { get; init; } = TlsSettings.Disabled;

    /// <summary>False sends messages whole, in order; only the benchmarks turn it off.</summary>
    public bool Interleave { get; init; } = true;

    public CodecLimits CodecLimits => new() { MaximumMessageSize = MaximumMessageSize };

    /// <summary>Where connections made with these settings count their traffic; null counts nothing.</summary>
    public TransportCounters? Counters { get; init; }
}
