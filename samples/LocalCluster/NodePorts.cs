using System.Net;
using System.Net.Sockets;

namespace LocalCluster;

/// <summary>One node's gossip and admin ports.</summary>
public readonly record struct NodePorts(int Gossip, int Admin)
{
    /// <summary>
    /// With a base port P, node i (from 1) gets gossip P + 2(i-1) and admin P + 2(i-1) + 1, each checked
    /// free first. Without one, the OS picks free ports (all are held until every one is chosen, so no
    /// two nodes get the same port).
    /// </summary>
    public static IReadOnlyList<NodePorts> Allocate(int nodes, int? basePort)
    {
        if (basePort is { } first)
        {
            var last = first + (2 * nodes) - 1;
            if (first < 1024 || last > 65535)
            {
                throw new LocalClusterException($"--base-port {first} with {nodes} nodes needs ports {first}-{last}; they must lie within 1024-65535");
            }

            var ports = Enumerable.Range(0, nodes).Select(i => new NodePorts(first + (2 * i), first + (2 * i) + 1)).ToList();
            foreach (var port in ports.SelectMany(p => new[] { p.Gossip, p.Admin }))
            {
                EnsureFree(port);
            }

            return ports;
        }

        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < 2 * nodes; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                listeners.Add(listener);
            }

            var chosen = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return [.. Enumerable.Range(0, nodes).Select(i => new NodePorts(chosen[2 * i], chosen[(2 * i) + 1]))];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }

    private static void EnsureFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException ex)
        {
            throw new LocalClusterException($"port 127.0.0.1:{port} is not available ({ex.SocketErrorCode}); choose another --base-port or omit it to let the OS pick free ports");
        }
    }
}
