using System.Net;
using System.Net.Sockets;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>Loopback TCP ports the OS says are free; all are held until every one is chosen, so none repeats.</summary>
public static class FreePorts
{
    public static IReadOnlyList<int> Allocate(int count)
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
