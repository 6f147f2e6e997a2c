using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Remote.Tests;

/// <summary>
/// A connection's monitor (stall checks, progress timeout, keep-alives) on virtual time: it stops checking a connection
/// with nothing in flight, and whatever it must still notice on such a connection it notices.
/// </summary>
public sealed class IdleConnectionMonitorTests
{
    [Fact]
    public async Task An_idle_connection_is_not_checked_yet_sends_its_keep_alive_and_a_trickled_message_still_times_out()
    {
        var clock = new VirtualClock();
        var log = new ListLogger();
        var settings = LoopbackNode.SettingsFor() with { Address = new EndpointAddress("127.0.0.1", 0) };
        var accepted = new List<Connection>();
        await using var listener = Listener.Start(settings, log, c => { lock (accepted) { accepted.Add(c); } }, time: clock);
        using var raw = await HostileInputTests.ConnectAsync(listener);
        var stream = raw.GetStream();
        var codec = new WireCodec(settings.CodecLimits);
        var hello = HostileInputTests.Frame(
            codec.Encode(new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, "test", new EndpointAddress("127.0.0.1", 9), Guid.NewGuid(), 1, "dc1", TlsEnabled: false)),
            codec.Encode(new KeyringOffer(false, new byte[WireFormat.KeyringTokenSize])));
        await stream.WriteAsync(hello);
        Assert.True(await Eventually.HoldsAsync(() => { lock (accepted) { return accepted.Count == 1; } }));
        var connection = accepted[0];
        var keepAlives = 0;
        connection.ControlQueued = (_, message) =>
        {
            if (message is KeepAlive)
            {
                Interlocked.Increment(ref keepAlives);
            }
        };
        Assert.True(await Eventually.HoldsAsync(() => connection.HandshakeDone && connection.ReadTcpInfo() is { Unacked: 0, NotSentBytes: 0 }));
        Assert.False(connection.CarriesGossip);

        // The first check finds nothing in flight either way and parks the monitor.
        clock.Advance(settings.StallCheckInterval);
        Assert.True(await Eventually.HoldsAsync(() => connection.MonitorParked));
        var ticks = connection.MonitorTicks;

        // Parked: checks every 250 ms would have been 16 here.
        for (var i = 0; i < 16; i++)
        {
            clock.Advance(settings.StallCheckInterval);
        }

        Assert.Equal(ticks, connection.MonitorTicks);
        Assert.Equal(0, Volatile.Read(ref keepAlives));

        // The park ends when the keep-alive is due: a connection without gossip still sends it.
        clock.Advance(settings.IdleKeepAlive);
        Assert.True(await Eventually.HoldsAsync(() => Volatile.Read(ref keepAlives) == 1));

        // The keep-alive's write woke the monitor; once it is acknowledged, the next check parks it again.
        Assert.True(await Eventually.HoldsAsync(() =>
        {
            clock.Advance(settings.StallCheckInterval);
            return connection.MonitorParked;
        }));

        // A message begun and never finished wakes the monitor, which cuts it off at the progress timeout.
        var header = HostileInputTests.FirstFrameHeader(3, payloadLength: 60_000, declared: 16 << 20);
        await stream.WriteAsync(header);
        await stream.WriteAsync(new byte[] { 42 });
        Assert.True(await Eventually.HoldsAsync(() => connection.BytesReceived == hello.Length + header.Length + 1));
        Assert.False(connection.MonitorParked);
        Assert.True(connection.IsOpen);

        clock.Advance(settings.MessageProgressTimeout + settings.StallCheckInterval);

        Assert.True(await Eventually.HoldsAsync(() => !connection.IsOpen));
        Assert.True(log.Contains("has been incomplete for"));
    }
}
