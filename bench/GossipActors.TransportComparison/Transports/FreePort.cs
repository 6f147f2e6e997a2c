using System.Net;
using System.Net.Sockets;

namespace GossipActors.TransportComparison.Transports;

/// <summary>A loopback port nobody was listening on a moment ago, for a transport that will not take port 0.</summary>
public static class FreePort
{
    /// <summary>
    /// Another process can take the port between this probe and the transport's bind; that shows up as a
    /// start-up failure in the report, not as wrong figures.
    /// </summary>
    public static int OnLoopback()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
