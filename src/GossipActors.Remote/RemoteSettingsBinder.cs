using System.Globalization;
using System.Net;
using GossipActors.Hocon;
using GossipActors.Protocol.Model;
namespace GossipActors.Remote;

/// <summary>Reads the <c>remote { }</c> section (plus the cluster name and DC it shares with gossip) into <see cref="RemoteSettings"/>.</summary>
public static class RemoteSettingsBinder
{
    // Upper bounds, each explained next to its setting in hocon/reference.conf.
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    /// <param name="c">The resolved configuration, reference.conf included (from a file, or back from Akka's).</param>
    /// <exception cref="ConfigException">A value is missing, mistyped or out of range; the message names the setting and where it was set.</exception>
    public static RemoteSettings Bind(Config c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var host = c.GetString("remote.hostname");
        var port = Port(c, "remote.port", allowZero: false);
        if (!EndpointAddress.TryParse(FormatAddress(host, port), out var address, out var error))
        {
            throw Invalid(c, "remote.hostname", $"'{host}' is not a usable host name or address: {error}");
        }

        var (announced, listen) = Broadcast(c, address);

        int? mtu = null;
        if (!string.Equals(c.GetString("remote.mtu"), "auto", StringComparison.Ordinal))
        {
            mtu = c.GetInt("remote.mtu");
            if (mtu < RemoteSettings.DiscoveryFloorMtu || mtu > 65535)
            {
                throw Invalid(c, "remote.mtu", string.Create(CultureInfo.InvariantCulture, $"= {mtu} is out of range; the accepted values are auto and {RemoteSettings.DiscoveryFloorMtu}-65535"));
            }
        }

        var compressionText = c.GetString("remote.compression");
        var compression = compressionText switch
        {
            "none" => CompressionMode.None,
            "dc" => CompressionMode.Dc,
            "all" => CompressionMode.All,
            _ => throw Invalid(c, "remote.compression", $"= '{compressionText}' is not known; the accepted values are none, dc, all"),
        };

        var tls = c.GetBoolean("remote.tls.enabled")
            ? new TlsSettings(
                true,
                Required(c, "remote.tls.certificate"),
                Optional(c, "remote.tls.key"),
                Required(c, "remote.tls.ca"))
            : TlsSettings.Disabled;

        // The independent settings below are each read through problems, so one run names every wrong one.
        var problems = new SettingProblems();
        var settings = new RemoteSettings
        {
            Address = announced,
            ListenAddress = listen,
            ClusterName = c.GetString("gossip.cluster-name"),
            DataCenter = c.GetString("gossip.dc"),
            ExplicitMtu = mtu,
            MtuDiscovery = problems.Read(() => c.GetBoolean("remote.mtu-discovery"), default),
            StallTimeout = problems.Read(() => c.GetPositiveDuration("remote.stall-timeout", TenMinutes), default),
            MaximumMessageSize = problems.Read(() => GossipActors.Akka.GossipExtension.CodecLimitsOf(c).MaximumMessageSize, default),
            ReassemblyBufferLimit = problems.Read(() => (int)c.GetBytesWithin("remote.reassembly-buffer-limit", 1024, 1L << 30), default),
            MaximumUnauthenticatedConnections = problems.Read(() => c.GetIntWithin("remote.max-unauthenticated-connections", 1, 65536), default),
            UnauthenticatedBufferLimit = problems.Read(() => (int)c.GetBytesWithin("remote.unauthenticated-buffer-limit", 1024, 1L << 20), default),
            FloodReleaseAfter = problems.Read(() => c.GetIntWithin("remote.flood-release-after", 0, 1_000_000), default),
            MessageProgressTimeout = problems.Read(() => c.GetPositiveDuration("remote.message-progress-timeout", TenMinutes), default),
            StallCheckInterval = problems.Read(() => c.GetPositiveDuration("remote.stall-check-interval", OneMinute), default),
            ConnectTimeout = problems.Read(() => c.GetPositiveDuration("remote.connect-timeout", FiveMinutes), default),
            HandshakeTimeout = problems.Read(() => c.GetPositiveDuration("remote.handshake-timeout", FiveMinutes), default),
            BackoffMinimum = problems.Read(() => c.GetPositiveDuration("remote.backoff.min", OneMinute), default),
            BackoffMaximum = problems.Read(() => c.GetPositiveDuration("remote.backoff.max", TenMinutes), default),
            IdleKeepAlive = problems.Read(() => c.GetPositiveDuration("remote.idle-keepalive-interval", TenMinutes), default),
            TcpKeepAlive = problems.Read(() => c.GetBoolean("remote.tcp-keepalive"), default),
            Compression = compression,
            Tls = tls,
            Keyring = problems.Read(() => KeyringBinder.Bind(c), null),
        };

        problems.ThrowIfAny();
        var datagrams = c.GetString("remote.heartbeat-datagrams");
        return settings with
        {
            HeartbeatDatagrams = datagrams switch
            {
                // Datagrams carry no TLS and no keyring proof: where the operator asked for either, heartbeats stay on TLS/keyed connections.
                "auto" => !tls.Enabled && settings.Keyring is null,
                "off" => false,
                _ => throw Invalid(c, "remote.heartbeat-datagrams", $"= '{datagrams}' is not known; the accepted values are auto, off"),
            },
        };
    }

    /// <summary>
    /// Settings built in code, through the same path as a file: <paramref name="hocon"/> (e.g.
    /// <c>remote { hostname = "10.0.0.1", port = 7000, mtu = 1422 }</c>) over reference.conf.
    /// </summary>
    /// <exception cref="ConfigException">A value is invalid; the message names it.</exception>
    public static RemoteSettings Bind(string hocon) =>
        Bind(HoconConfig.LoadWithDefaults(HoconConfig.ParseString(hocon, "settings built in code", new HoconParseOptions { Resolve = false })));

    /// <summary>HOST:PORT with IPv6 hosts bracketed.</summary>
    public static string FormatAddress(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[')
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>
    /// Parses HOST[:PORT], the form of <c>remote.broadcast-address</c>: without a port it is
    /// <paramref name="defaultPort"/>; an IPv6 host is bracketed when a port follows and may be bare otherwise.
    /// </summary>
    public static bool TryParseHostAndOptionalPort(string text, int defaultPort, out EndpointAddress address, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var hasPort = trimmed.StartsWith('[') ? !trimmed.EndsWith(']') : trimmed.Count(ch => ch == ':') == 1;
        return EndpointAddress.TryParse(hasPort ? trimmed : FormatAddress(trimmed, defaultPort), out address, out error);
    }

    /// <summary>True for 0.0.0.0 and :: (and ::ffff:0.0.0.0): bindable, but no peer can dial them.</summary>
    public static bool IsWildcard(string host) =>
        IPAddress.TryParse(host, out var ip) &&
        (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || (ip.IsIPv4MappedToIPv6 && ip.MapToIPv4().Equals(IPAddress.Any)));

    public static int Port(Config c, string path, bool allowZero)
    {
        var port = c.GetInt(path);
        var low = allowZero ? 0 : 1;
        if (port < low || port > 65535)
        {
            throw Invalid(c, path, string.Create(CultureInfo.InvariantCulture, $"= {port} is out of range; the accepted range is {low}-65535"));
        }

        return port;
    }

    internal static ConfigException Invalid(Config c, string path, string problem) => ConfigException.Invalid(c, path, problem);

    private static string Where(Config c, string path) => c.OriginOf(path) is { } origin ? $" (set at {origin.ToLocationString()})" : string.Empty;

    /// <summary>
    /// The address peers know this node by and, when it differs, the one the listener binds. A wildcard listen address
    /// would otherwise be gossiped, and every peer would dial 0.0.0.0, that is itself.
    /// </summary>
    private static (EndpointAddress Announced, EndpointAddress? Listen) Broadcast(Config c, EndpointAddress listen)
    {
        var text = c.GetString("remote.broadcast-address").Trim();
        if (text.Length == 0)
        {
            return IsWildcard(listen.Host)
                ? throw new ConfigException(
                    $"remote.hostname (--listen) '{listen.Host}'{Where(c, "remote.hostname")} is a wildcard address, which peers cannot dial; " +
                    "set remote.broadcast-address (--broadcast-address HOST[:PORT]) to the address peers reach this node at")
                : (listen, null);
        }

        if (!TryParseHostAndOptionalPort(text, listen.Port, out var broadcast, out var error))
        {
            throw new ConfigException($"remote.broadcast-address (--broadcast-address) '{text}'{Where(c, "remote.broadcast-address")} is not HOST[:PORT]: {error}");
        }

        if (IsWildcard(broadcast.Host))
        {
            throw new ConfigException(
                $"remote.broadcast-address (--broadcast-address) '{text}'{Where(c, "remote.broadcast-address")} is a wildcard address; " +
                "it must be the address peers reach this node at");
        }

        return (broadcast, broadcast == listen ? null : listen);
    }

    private static string Required(Config c, string path)
    {
        var value = c.GetString(path);
        return value.Length > 0 ? value : throw Invalid(c, path, "must name a file when remote.tls.enabled = on");
    }

    private static string? Optional(Config c, string path) => c.GetString(path) is { Length: > 0 } value ? value : null;
}
