using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using GossipActors.Gossip.Logging;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Text;
using GossipActors.Remote.Sockets;
using GossipActors.Remote.Tls;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Connections;

/// <summary>
/// Accepts inbound connections and runs TLS and the handshake for each; hands established connections to the
/// callback. A misbehaving client (wrong cluster, plaintext on a TLS port, garbage) is refused with a logged
/// reason and costs nothing else.
/// </summary>
public sealed class Listener : IAsyncDisposable
{
    private const byte TlsHandshakeRecord = 0x16;

    /// <summary>How often a flood of refused connections may write a line (each line counts the ones it stands for).</summary>
    internal static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(10);

    private readonly RemoteSettings _settings;
    private readonly ILogger _logger;
    private readonly TlsMaterial? _tls;
    private readonly TimeProvider _time;
    private readonly Action<Connection> _accepted;
    private readonly Socket _socket;
    private readonly CancellationTokenSource _cancel = new();
    private Task _acceptLoop = Task.CompletedTask;
    private Task _floodWatch = Task.CompletedTask;
    private readonly LogThrottle _refusals;
    private Func<Guid, bool>? _resumes;
    private int _unauthenticated;

    private Listener(RemoteSettings settings, ILogger logger, TlsMaterial? tls, TimeProvider time, Action<Connection> accepted, Socket socket)
    {
        _settings = settings;
        _logger = logger;
        _tls = tls;
        _time = time;
        _accepted = accepted;
        _socket = socket;
        _refusals = new LogThrottle(RefusalLogInterval, time);
    }

    /// <summary>Connections accepted and not yet through TLS and the handshake.</summary>
    public int UnauthenticatedConnections => Volatile.Read(ref _unauthenticated);

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>The settings in force, with the port actually bound.</summary>
    public RemoteSettings Settings => _settings;

    /// <summary>Binds <c>remote</c>'s listen address (port 0 picks a free port) and starts accepting.</summary>
    /// <param name="resumes">Whether this node holds the association of a dialer's link, so a reconnect of it resumes it.</param>
    public static Listener Start(RemoteSettings settings, ILogger logger, Action<Connection> accepted, TlsMaterial? tls = null, TimeProvider? time = null, Func<Guid, bool>? resumes = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var listen = settings.ListenAddress ?? settings.Address;
        var address = ParseBindAddress(listen.Host);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (settings.ExplicitMtu is { } mtu)
            {
                // Accepted sockets inherit the clamp, so peers that dial us also send segments that fit the path.
                SocketTuning.ClampSegmentSize(socket, mtu);
            }

            socket.Bind(new IPEndPoint(address, listen.Port));
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        // Port 0 binds a free port; the handshake must advertise the real one. A broadcast address that names its
        // own port (a forwarded port) keeps it.
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        var bound = settings with
        {
            Address = settings.ListenAddress is null || settings.Address.Port == 0 ? settings.Address with { Port = port } : settings.Address,
            ListenAddress = settings.ListenAddress is { } listening ? listening with { Port = port } : null,
        };
        var listener = new Listener(bound, logger, tls, time ?? TimeProvider.System, accepted, socket) { _resumes = resumes };
        listener._acceptLoop = listener.AcceptLoopAsync();
        listener._floodWatch = listener.FloodWatchAsync();
        return listener;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        _socket.Dispose();
        try
        {
            await _acceptLoop;
            await _floodWatch;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _cancel.Dispose();
    }

    private static IPAddress ParseBindAddress(string host) =>
        IPAddress.TryParse(host, out var address) ? address
        : host is "localhost" ? IPAddress.Loopback
        : Dns.GetHostAddresses(host).FirstOrDefault() ?? throw new IOException($"cannot bind: {host} resolves to no address");

    /// <summary>Once a second: has a flood of hostile connections just ended? Then give back what it made the runtime grow.</summary>
    private async Task FloodWatchAsync()
    {
        var release = new FloodMemoryRelease(_settings.FloodReleaseAfter, FloodMemoryRelease.DefaultQuietFor);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        while (await timer.WaitForNextTickAsync(_cancel.Token))
        {
            if (release.ShouldRelease(RemoteCounters.HostileCloses, _time.GetTimestamp() * 1000 / _time.TimestampFrequency, out var flood))
            {
                ReleaseMemory(flood);
            }
        }
    }

    private void ReleaseMemory(long flood)
    {
        var before = Environment.WorkingSet;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        RemoteCounters.IncrementFloodReleases();
        _logger.LogInformation(
            "a flood of hostile connections is over ({Flood} refusals and closes for bad input): ran a compacting collection, resident memory {Before} -> {After} MiB (remote.flood-release-after = {Threshold})",
            flood,
            before >> 20,
            Environment.WorkingSet >> 20,
            _settings.FloodReleaseAfter);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_cancel.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _socket.AcceptAsync(_cancel.Token);
            }
            catch (Exception error) when (error is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error)
            {
                _logger.LogWarning("accept on {Address} failed: {Reason}", _settings.ListenAddress ?? _settings.Address, error.Message);
                continue;
            }

            if (Interlocked.Increment(ref _unauthenticated) > _settings.MaximumUnauthenticatedConnections)
            {
                Interlocked.Decrement(ref _unauthenticated);
                Refuse(client);
                continue;
            }

            _ = HandleAsync(client);
        }
    }

    /// <summary>
    /// Too many strangers at once: closed before a byte is read (a reset, so no socket lingers in TIME_WAIT here), and
    /// logged at most once per <see cref="RefusalLogInterval"/> with the number refused meanwhile.
    /// </summary>
    private void Refuse(Socket client)
    {
        RemoteCounters.IncrementRefused();
        var peer = client.RemoteEndPoint is IPEndPoint endPoint ? Connection.FormatEndPoint(endPoint) : "an unknown address";
        try
        {
            client.LingerState = new LingerOption(true, 0);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }

        if (_refusals.ShouldLog("unauthenticated-limit", out var heldBack))
        {
            _logger.LogWarning(
                "refused connection from {Peer}: {Limit} connections are already accepted and not through the handshake " +
                "(remote.max-unauthenticated-connections = {Limit}){HeldBack}",
                peer,
                _settings.MaximumUnauthenticatedConnections,
                _settings.MaximumUnauthenticatedConnections,
                _refusals.HeldBackSuffix(heldBack));
        }

        client.Dispose();
    }

    private async Task HandleAsync(Socket client)
    {
        var peer = Connection.FormatEndPoint((IPEndPoint)client.RemoteEndPoint!);
        var verdict = new TlsVerdict();
        Connection? connection = null;
        var counted = true;
        try
        {
            client.NoDelay = true;
            if (_settings.TcpKeepAlive)
            {
                SocketTuning.EnableKeepAlive(client, _settings.IdleKeepAlive);
            }

            var first = await PeekFirstByteAsync(client);
            if (first is null)
            {
                _logger.LogInformation("{Peer} connected and sent nothing within remote.handshake-timeout; closed", peer);
                client.Dispose();
                return;
            }

            Stream stream = new NetworkStream(client, ownsSocket: false);
            var speaksTls = first == TlsHandshakeRecord;
            if (_settings.Tls.Enabled && !speaksTls)
            {
                RemoteCounters.IncrementRefused();
                _logger.LogError(
                    "refused plaintext connection from {Peer}: this port requires TLS (remote.tls.enabled = on); enable remote.tls on the peer",
                    peer);
                var plain = new Connection(client, stream, _settings, _logger, _time, outbound: false, clampedMtu: null);
                plain.Start();
                await plain.RejectAndCloseAsync(new HelloRejected(RejectReason.TlsRequired, "tls", "plaintext", "this node requires remote.tls.enabled = on"));
                return;
            }

            if (!_settings.Tls.Enabled && speaksTls)
            {
                RemoteCounters.IncrementRefused();
                _logger.LogError("refused TLS connection from {Peer}: remote.tls is off on this node; enable it here or disable it there", peer);
                await stream.DisposeAsync();
                client.Dispose();
                return;
            }

            if (speaksTls)
            {
                var secured = await AuthenticateAsync(stream, peer, verdict);
                if (secured is null)
                {
                    client.Dispose();
                    return;
                }

                stream = secured;
            }

            connection = new Connection(client, stream, _settings, _logger, _time, outbound: false, clampedMtu: _settings.ExplicitMtu);
            connection.Start();
            if (await connection.HandshakeAsListenerAsync(_cancel.Token, _resumes))
            {
                // Authenticated: no longer a stranger, whatever the layer above does with it.
                LeaveUnauthenticated(ref counted);
                _accepted(connection);
            }
            else
            {
                RemoteCounters.IncrementRefused();
            }
        }
        catch (Exception error) when (error is FramingException or CodecException or InvalidDataException && connection is { IsOpen: false })
        {
            // Garbage before the handshake: the connection has logged it in one line, with no stack trace.
            RemoteCounters.IncrementRefused();
            client.Dispose();
        }
        catch (AuthenticationException error)
        {
            // With TLS 1.3 the client certificate is checked after the handshake returns, on the first read.
            RemoteCounters.IncrementRefused();
            _logger.LogError("refused TLS connection from {Peer}: {Reason}", peer, verdict.Reason ?? error.Message);
            client.Dispose();
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            if (verdict.Reason is not null)
            {
                RemoteCounters.IncrementRefused();
                _logger.LogError("refused TLS connection from {Peer}: {Reason}", peer, verdict.Reason);
            }
            else if (connection is not { IsOpen: false })
            {
                // A connection that closed itself has logged why (or that the peer went away) already.
                _logger.LogInformation("inbound connection from {Peer} failed: {Reason}", peer, LogText.Escape(error.Message));
            }

            client.Dispose();
        }
#pragma warning disable CA1031 // One bad client must never stop the accept loop.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _logger.LogError(error, "inbound connection from {Peer} failed unexpectedly", peer);
            client.Dispose();
        }
        finally
        {
            LeaveUnauthenticated(ref counted);
        }
    }

    private void LeaveUnauthenticated(ref bool counted)
    {
        if (counted)
        {
            counted = false;
            Interlocked.Decrement(ref _unauthenticated);
        }
    }

    private async Task<byte?> PeekFirstByteAsync(Socket client)
    {
        var buffer = new byte[1];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        try
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.Peek, timeout.Token);
            return read == 0 ? null : buffer[0];
        }
        catch (OperationCanceledException) when (!_cancel.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<Stream?> AuthenticateAsync(Stream stream, string peer, TlsVerdict verdict)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        var options = _tls!.ServerOptions();
        options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
        {
            var valid = _tls.Validate(certificate, errors, out var why);
            verdict.Reason = valid ? null : why;
            return valid;
        };
        try
        {
            await ssl.AuthenticateAsServerAsync(options, timeout.Token);
            return ssl;
        }
        catch (Exception error) when (error is AuthenticationException or IOException or OperationCanceledException)
        {
            RemoteCounters.IncrementRefused();
            _logger.LogError("refused TLS connection from {Peer}: {Reason}", peer, verdict.Reason ?? error.Message);
            await ssl.DisposeAsync();
            return null;
        }
    }

    /// <summary>Why the peer's certificate was refused, kept for the log line wherever the failure surfaces.</summary>
    private sealed class TlsVerdict
    {
        public string? Reason { get; set; }
    }
}
