using System.Net;
using System.Net.Sockets;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// Loopback ports nobody listens on right now, drawn below Linux's ephemeral range (32768-60999):
/// a port the OS hands out for bind(0) can be taken again at once as the source port of any outgoing
/// connection (other tests run in parallel), which made a node's later listen fail now and then.
/// </summary>
public static class FreePorts
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
            }
        }

        throw new InvalidOperationException($"no free loopback port in {First}-{Last} after 200 tries");
    }
}
