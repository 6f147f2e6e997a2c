using System.Net;
using System.Net.Sockets;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>Distinct loopback ports nobody listens on right now, all chosen by the OS while held open together.</summary>
public static class FreePorts
{
    public static IReadOnlyList<int> Take(int count)
    {
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
