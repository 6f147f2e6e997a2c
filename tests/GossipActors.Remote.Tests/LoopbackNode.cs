using System.Collections.Concurrent;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Tls;

namespace GossipActors.Remote.Tests;

/// <summary>A listener on a free loopback port that records what it receives and who it accepted.</summary>
internal sealed class LoopbackNode : IAsyncDisposable
{
    private LoopbackNode(RemoteSettings settings, ListLogger log, Listener listener)
    {
        Settings = settings;
        Log = log;
        Listener = listener;
    }

    public RemoteSettings Settings { get; }

    public ListLogger Log { get; }

    public Listener Listener { get; }

    public ConcurrentQueue<IGossipMessage> Received { get; } = new();

    public ConcurrentQueue<Connection> Accepted { get; } = new();

    public EndpointAddress Address => new(Settings.Address.Host, Listener.LocalEndPoint.Port);

    /// <param name="extra">More HOCON, such as a <c>remote.keyring</c>.</param>
    public static RemoteSettings SettingsFor(string host = "127.0.0.1", string cluster = "test", string extra = "") =>
        RemoteSettingsBinder.Bind($$"""
            remote { hostname = "{{host}}", port = 1, handshake-timeout = 10s }
            gossip.cluster-name = "{{cluster}}"
            {{extra}}
            """) with
        {
            HostId = Guid.NewGuid(),
            Generation = 1,
        };

    public static LoopbackNode Start(RemoteSettings settings, TlsMaterial? tls = null)
    {
        var log = new ListLogger();
        LoopbackNode? node = null;
        var bind = settings with { Address = new EndpointAddress(settings.Address.Host, 0) };
        var listener = Listener.Start(bind, log, connection =>
        {
            node!.Accepted.Enqueue(connection);
            connection.MessageReceived += (c, m) =>
            {
                node.Received.Enqueue(m);
                if (m is Echo echo)
                {
                    c.Send(new EchoReply(echo.Id));
                }
            };
        }, tls);
        node = new LoopbackNode(bind, log, listener);
        return node;
    }

    public async ValueTask DisposeAsync()
    {
        await Listener.DisposeAsync();
        foreach (var connection in Accepted)
        {
            await connection.CloseAsync(null);
        }
    }
}
