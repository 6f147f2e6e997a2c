using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Datagrams;

/// <summary>
/// The UDP socket beside the gtcp listener, on the same address and port, for direct heartbeats and watches
/// (<c>remote.heartbeat-datagrams</c>). A heartbeat on a TCP connection costs a 52-byte header and, since nothing goes
/// back within the delayed-ACK time, a bare 52-byte ACK; as a datagram it is one packet of 48 bytes. What arrives
/// is read by <see cref="HeartbeatDatagram"/>: anything else (garbage, a stranger's probe, another cluster's
/// heartbeat) is dropped, counted and logged at most once a minute per address, and the node goes on. Datagrams are
/// sent from this socket, so a receiver takes the sender from the source address unless the node is known by another
/// address (<c>remote.broadcast-address</c>, a host name), in which case each datagram names it.
/// The socket is read by a thread of its own, blocked in the receive, and written synchronously; it never joins the
/// runtime's socket engine. There, a datagram woke the engine's thread, which woke a thread-pool worker to run the
/// read's continuation; and every send woke the engine's thread again, since a UDP socket turns writable each time
/// the kernel frees what it sent. Here an arriving heartbeat wakes this thread, and a send wakes nobody.
/// </summary>
internal sealed class HeartbeatDatagramSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly WireCodec _codec;
    private readonly uint _clusterTag;
    private readonly EndpointAddress? _namedSender;
    private readonly Action<EndpointAddress, IGossipMessage> _deliver;
    private readonly TransportCounters? _counters;
    private readonly ILogger _log;
    private readonly RefusalLog _refusals = new();
    private readonly ConcurrentDictionary<EndpointAddress, IPEndPoint?> _resolved = new();
    private readonly Thread _receiving;
    private volatile bool _stopping;

    private HeartbeatDatagramSocket(Socket socket, RemoteSettings settings, ILogger log, Action<EndpointAddress, IGossipMessage> deliver)
    {
        _socket = socket;
        _codec = new WireCodec(settings.CodecLimits);
        _clusterTag = HeartbeatDatagram.ClusterTag(settings.ClusterName);
        var bound = (IPEndPoint)socket.LocalEndPoint!;
        _namedSender = IPAddress.TryParse(settings.Address.Host, out var ip) && ip.Equals(bound.Address) && settings.Address.Port == bound.Port
            ? null
            : settings.Address;
        _deliver = deliver;
        _counters = settings.Counters;
        _log = log;
        _receiving = new Thread(Receive) { IsBackground = true, Name = "heartbeat-udp" };
        _receiving.Start();
    }

    /// <summary>The address and port the socket is bound to.</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>
    /// Binds UDP on <paramref name="listening"/> (the gtcp listener's address and port), or returns null, having said
    /// why, when it cannot: the node then runs without datagrams, and its watches ask for heartbeats on TCP.
    /// </summary>
    public static HeartbeatDatagramSocket? TryOpen(IPEndPoint listening, RemoteSettings settings, ILogger log, Action<EndpointAddress, IGossipMessage> deliver)
    {
        ArgumentNullException.ThrowIfNull(listening);
        ArgumentNullException.ThrowIfNull(settings);
        var socket = new Socket(listening.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (listening.AddressFamily == AddressFamily.InterNetworkV6)
            {
                socket.DualMode = listening.Address.Equals(IPAddress.IPv6Any);
            }

            socket.Bind(listening);
        }
        catch (SocketException error)
        {
            socket.Dispose();
            log.LogWarning(
                "heartbeat datagrams off: UDP {Address} cannot be bound ({Error}); heartbeats travel on TCP (remote.heartbeat-datagrams)",
                listening,
                error.SocketErrorCode);
            return null;
        }

        log.LogInformation("heartbeat datagrams on UDP {Address} (remote.heartbeat-datagrams)", socket.LocalEndPoint);
        return new HeartbeatDatagramSocket(socket, settings, log, deliver);
    }

    /// <summary>Sends a heartbeat or a watch to <paramref name="to"/>; lost without a word when the path drops it.</summary>
    public void Send(EndpointAddress to, IGossipMessage message)
    {
        if (Resolve(to) is not { } target)
        {
            return;
        }

        try
        {
            _socket.SendTo(HeartbeatDatagram.Encode(_codec, _clusterTag, _namedSender, message), SocketFlags.None, target);
            _counters?.AddDatagramSent();
        }
        catch (Exception error) when (error is SocketException or ObjectDisposedException)
        {
            // A full send buffer or an unreachable network: a lost heartbeat, as on any lossy path.
            _log.LogDebug("heartbeat datagram to {Peer} not sent: {Error}", to, error.Message);
        }
    }

    private IPEndPoint? Resolve(EndpointAddress peer) =>
        _resolved.GetOrAdd(peer, p =>
        {
            if (IPAddress.TryParse(p.Host, out var literal))
            {
                return new IPEndPoint(literal, p.Port);
            }

            try
            {
                var address = Dns.GetHostAddresses(p.Host).FirstOrDefault(a => a.AddressFamily == _socket.AddressFamily || _socket.DualMode);
                return address is null ? null : new IPEndPoint(address, p.Port);
            }
            catch (SocketException error)
            {
                _log.LogWarning("heartbeat datagrams to {Peer}: its host does not resolve ({Error}); they go on TCP only if its watch asks", p, error.SocketErrorCode);
                return null;
            }
        });

    private void Receive()
    {
        // One byte over the limit, so an oversized datagram is seen as such instead of silently truncated.
        var buffer = new byte[HeartbeatDatagram.MaximumSize + 1];
        var any = _socket.AddressFamily == AddressFamily.InterNetworkV6 ? new IPEndPoint(IPAddress.IPv6Any, 0) : new IPEndPoint(IPAddress.Any, 0);
        while (!_stopping)
        {
            int length;
            EndPoint source = any;
            try
            {
                length = _socket.ReceiveFrom(buffer, SocketFlags.None, ref source);
            }
            catch (Exception error) when (_stopping || error is ObjectDisposedException)
            {
                return;
            }
            catch (SocketException error)
            {
                // An ICMP error for an earlier send surfaces here on some systems; the socket is still good.
                _log.LogDebug("heartbeat datagram socket: {Error}", error.SocketErrorCode);
                continue;
            }

            Take(buffer.AsSpan(0, length), (IPEndPoint)source);
        }
    }

    private void Take(ReadOnlySpan<byte> datagram, IPEndPoint source)
    {
        try
        {
            var (named, message) = HeartbeatDatagram.Decode(_codec, _clusterTag, datagram);
            var sender = named ?? new EndpointAddress(Unmapped(source.Address).ToString(), source.Port);
            _counters?.AddDatagramReceived();
            _deliver(sender, message);
        }
        catch (CodecException error)
        {
            _counters?.AddDatagramRefused();
            if (_refusals.ShouldLog(source.Address, Environment.TickCount64, out var unlogged))
            {
                _log.LogWarning(
                    "dropped a datagram from {Source} at the heartbeat port: {Error}{Unlogged}",
                    source,
                    error.Message,
                    unlogged > 0 ? $" ({unlogged} more from this address dropped unlogged since)" : string.Empty);
            }
        }
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public ValueTask DisposeAsync()
    {
        _stopping = true;
        try
        {
            // Wakes the receive: Linux ends a blocked read of a UDP socket on shutdown, though it reports the socket
            // as not connected.
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }

        _socket.Dispose();
        if (Thread.CurrentThread != _receiving)
        {
            _receiving.Join();
        }

        return ValueTask.CompletedTask;
    }
}
