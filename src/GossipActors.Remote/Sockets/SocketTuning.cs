using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using GossipActors.Protocol.Framing;

namespace GossipActors.Remote.Sockets;

/// <summary>
/// TCP options the transport sets or reads through raw getsockopt/setsockopt (Linux numbers; on other systems
/// the calls fail and the features degrade to "not available" rather than failing the connection).
/// </summary>
public static class SocketTuning
{
    private const int IpProtoTcp = 6;
    private const int TcpMaxSeg = 2;
    private const int TcpInfoOption = 11;
    private const int TcpQuickAck = 12;

    /// <summary>
    /// Clamps the maximum segment size so full segments fill exactly an IP packet of <paramref name="mtu"/> bytes.
    /// Must be called before connect (or on the listening socket, which accepted sockets inherit): the MSS is
    /// advertised in the SYN, so the peer's segments are clamped too.
    /// </summary>
    /// <returns>The MSS set, or null when the platform refused.</returns>
    public static int? ClampSegmentSize(Socket socket, int mtu)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var mss = FrameFormat.MaximumSegmentSize(mtu, socket.AddressFamily == AddressFamily.InterNetworkV6);
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(value, mss);
        if (!BitConverter.IsLittleEndian)
        {
            BinaryPrimitives.WriteInt32BigEndian(value, mss);
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpMaxSeg, value);
            return mss;
        }
        catch (SocketException)
        {
            return null;
        }
        catch (PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Reads TCP_INFO; null where the platform has none or the socket is closed.</summary>
    /// <summary>
    /// Asks Linux to delay the ACK of the next segments (TCP_QUICKACK off) instead of acknowledging each at once, so
    /// one ACK covers a gossip round's SYN and ACK2, which arrive a few milliseconds apart on a connection that is
    /// otherwise quiet. The kernel falls back to quick ACKs after a delayed ACK fires, so the reader sets it again
    /// after each read. Elsewhere, or when refused, it does nothing: only bytes are at stake.
    /// </summary>
    public static void DelayAcks(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            socket.SetRawSocketOption(IpProtoTcp, TcpQuickAck, stackalloc byte[4]);
        }
        catch (SocketException)
        {
            // A closed socket, or a kernel without the option: ACKs stay immediate.
        }
        catch (ObjectDisposedException)
        {
            // Closing.
        }
    }

    public static TcpInfo? ReadTcpInfo(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Span<byte> raw = stackalloc byte[256];
        try
        {
            var length = socket.GetRawSocketOption(IpProtoTcp, TcpInfoOption, raw);
            return TcpInfo.Parse(raw[..length]);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    public static void EnableKeepAlive(Socket socket, TimeSpan idle)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, Math.Max(1, (int)idle.TotalSeconds));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, Math.Max(1, (int)idle.TotalSeconds / 3));
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 5);
    }

    /// <summary>The MTU of the interface that owns <paramref name="local"/>; null when no interface matches.</summary>
    public static int? InterfaceMtu(IPAddress local)
    {
        ArgumentNullException.ThrowIfNull(local);
        if (local.IsIPv4MappedToIPv6)
        {
            local = local.MapToIPv4();
        }

        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            var properties = nic.GetIPProperties();
            if (!properties.UnicastAddresses.Any(a => a.Address.Equals(local)))
            {
                continue;
            }

            try
            {
                return local.AddressFamily == AddressFamily.InterNetworkV6
                    ? properties.GetIPv6Properties().Mtu
                    : properties.GetIPv4Properties().Mtu;
            }
            catch (NetworkInformationException)
            {
                return null;
            }
        }

        return null;
    }
}
