using System.Net;
using System.Net.Sockets;

namespace GossipActors.Hosting.Tests;

/// <summary>Loopback ports nobody listens on right now (the OS picks them).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
