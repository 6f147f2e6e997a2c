using System.Net;
using System.Net.Sockets;
using GossipActors.Protocol.Codec;
using GossipActors.Remote.Connections;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// A dialer sends its first payload the moment it reads HelloAccepted, so the listener must already accept payloads
/// when HelloAccepted is queued; otherwise a listener thread that is descheduled between the two (many nodes starting
/// on few cores) refuses the payload as "sent before completing the handshake" and closes the association.
/// </summary>
public sealed class HandshakeOrderTests
{
    [Fact]
    public async Task Without_a_keyring_the_listener_accepts_payloads_before_HelloAccepted_is_queued()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        using var dialerSocket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await dialerSocket.ConnectAsync(server.LocalEndpoint);
        using var listenerSocket = await server.AcceptSocketAsync();

        var log = new ListLogger();
        await using var listener = new Connection(
            listenerSocket, new NetworkStream(listenerSocket), LoopbackNode.SettingsFor(), log, TimeProvider.System, outbound: false, clampedMtu: null);
        await using var dialer = new Connection(
            dialerSocket, new NetworkStream(dialerSocket), LoopbackNode.SettingsFor(), log, TimeProvider.System, outbound: true, clampedMtu: null);
        var queued = new List<(string Message, bool Done)>();
        listener.ControlQueued = (connection, message) =>
        {
            lock (queued)
            {
                queued.Add((message.GetType().Name, connection.HandshakeDone));
            }
        };

        listener.Start();
        dialer.Start();
        var accepting = listener.HandshakeAsListenerAsync(CancellationToken.None);
        await dialer.HandshakeAsDialerAsync(CancellationToken.None);
        Assert.True(await accepting);

        lock (queued)
        {
            // (With a keyring the last message, KeyringAccepted, is sealed and queued after the handshake completed.)
            Assert.Equal(("HelloAccepted", true), queued[^1]);
        }
    }
}
