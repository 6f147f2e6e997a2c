using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Sockets;
using GossipActors.Remote.Tls;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Connections;

/// <summary>Opens outbound connections: resolve, clamp, connect, TLS, handshake.</summary>
public sealed class Dialer(RemoteSettings settings, ILogger logger, TlsMaterial? tls = null, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public RemoteSettings Settings { get; } = settings;

    /// <summary>
    /// Connects to <paramref name="peer"/> and completes the handshake. The segment size is clamped for
    /// <paramref name="clampMtu"/> when given, else for <c>remote.mtu</c> when the operator set it.
    /// </summary>
    /// <exception cref="HandshakeRejectedException">The remote refused us; the message is the remote's reason.</exception>
    /// <exception cref="IOException">Connect, TLS or handshake failed; the message says which and why.</exception>
    public Task<Connection> ConnectAsync(EndpointAddress peer, int? clampMtu = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(peer, clampMtu, Guid.Empty, cancellationToken);

    /// <param name="linkId">The link this connection belongs to, sent in the Hello so the peer can resume its association.</param>
    public async Task<Connection> ConnectAsync(EndpointAddress peer, int? clampMtu, Guid linkId, CancellationToken cancellationToken)
    {
        try
        {
            return await ConnectAsync(peer, clampMtu, linkId, WireFormat.ProtocolVersion, cancellationToken);
        }
        catch (HandshakeRejectedException refused) when (refused.Rejection is { } rejection &&
                                                         HandshakePolicy.FallbackVersion(rejection, WireFormat.ProtocolVersion) is { } older)
        {
            // Not remembered: once the peer is upgraded (a restart, so a new connection) it is offered ours again.
            logger.LogInformation("{Peer} speaks protocol {Older}, older than this node's {Ours}: connecting again with {Older} (its links carry no clock stamps)",
                peer, older, WireFormat.ProtocolVersion, older);
            return await ConnectAsync(peer, clampMtu, linkId, older, cancellationToken);
        }
    }

    private async Task<Connection> ConnectAsync(EndpointAddress peer, int? clampMtu, Guid linkId, ushort protocolVersion, CancellationToken cancellationToken)
    {
        var address = await ResolveAsync(peer, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Connection? connection = null;
        try
        {
            var mtu = clampMtu ?? Settings.ExplicitMtu;
            int? clamped = null;
            if (mtu is { } value && SocketTuning.ClampSegmentSize(socket, value) is not null)
            {
                clamped = value;
            }

            if (Settings.TcpKeepAlive)
            {
                SocketTuning.EnableKeepAlive(socket, Settings.IdleKeepAlive);
            }

            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(Settings.ConnectTimeout);
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, peer.Port), connectTimeout.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ConnectTimeoutException($"connect to {peer} timed out after {Settings.ConnectTimeout.TotalSeconds:0.#} s");
                }
                catch (SocketException error)
                {
                    throw new IOException($"connect to {peer} failed: {error.SocketErrorCode} ({error.Message})", error);
                }
            }

            Stream stream = new NetworkStream(socket, ownsSocket: false);
            if (Settings.Tls.Enabled)
            {
                stream = await AuthenticateAsync(stream, peer, cancellationToken);
            }

            connection = new Connection(socket, stream, Settings, logger, _time, outbound: true, clamped)
            {
                Traffic = Settings.Counters?.For(peer),
                LinkId = linkId,
            };
            connection.Start();
            await connection.HandshakeAsDialerAsync(cancellationToken, protocolVersion);
            return connection;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.CloseAsync(null);
            }

            socket.Dispose();
            throw;
        }
    }

    private async Task<Stream> AuthenticateAsync(Stream stream, EndpointAddress peer, CancellationToken cancellationToken)
    {
        var material = tls ?? throw new InvalidOperationException("remote.tls.enabled = on but no certificate material was loaded");
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsClientAsync(material.ClientOptions(peer.Host), timeout.Token);
            return ssl;
        }
        catch (Exception error) when (error is AuthenticationException or IOException or OperationCanceledException)
        {
            await ssl.DisposeAsync();
            var line = $"TLS handshake with {peer} failed: {error.Message} (is remote.tls enabled there, and is its certificate signed by our CA?)";
            logger.LogError("{Line}", line);
            throw new IOException(line, error);
        }
    }

    private static async Task<IPAddress> ResolveAsync(EndpointAddress peer, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(peer.Host, out var literal))
        {
            return literal;
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(peer.Host, cancellationToken);
            return addresses.FirstOrDefault() ?? throw new IOException($"{peer.Host} resolves to no address");
        }
        catch (SocketException error)
        {
            throw new IOException($"cannot resolve {peer.Host}: {error.Message}", error);
        }
    }
}
