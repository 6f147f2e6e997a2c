using GossipActors.Hosting.Runtime;
using GossipActors.TestKit;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>Issue 13 item 6: Akka's "cannot associate" lines for a dead peer, once when it starts and then once a minute.</summary>
public sealed class UnreachablePeerLinesTests
{
    private const string DeadPeer =
        "Tried to associate with unreachable remote address [akka.gtcp://gossip@127.0.0.1:17101]. Address is now gated for 1000 ms, " +
        "all messages to this address will be delivered to dead letters. Reason: [connect to 127.0.0.1:17101 failed: ConnectionRefused (Connection refused)] ";

    [Fact]
    public void A_dead_peer_redialled_every_second_for_an_hour_is_logged_once_a_minute_with_the_count()
    {
        var clock = new VirtualClock();
        var lines = new UnreachablePeerLines(clock);
        var written = new List<string>();
        for (var second = 0; second < 3600; second++)
        {
            if (lines.Admit(DeadPeer) is { } line)
            {
                written.Add(line);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(60, written.Count);
        Assert.Equal(DeadPeer, written[0]);
        Assert.EndsWith("(59 more like it in the last 60 s not logged)", written[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Each_address_has_its_own_minute_and_other_lines_pass()
    {
        var clock = new VirtualClock();
        var lines = new UnreachablePeerLines(clock);
        var other = DeadPeer.Replace("17101", "17102", StringComparison.Ordinal);

        Assert.NotNull(lines.Admit(DeadPeer));
        Assert.NotNull(lines.Admit(other));
        Assert.Null(lines.Admit(DeadPeer));
        Assert.NotNull(lines.Admit("Association with remote system [akka.gtcp://gossip@127.0.0.1:17101] has failed; address is now gated for 1000 ms. Reason is: [x]"));
        Assert.Equal("Shutting down remote daemon.", lines.Admit("Shutting down remote daemon."));
        Assert.Equal("Shutting down remote daemon.", lines.Admit("Shutting down remote daemon."));
    }

    [Fact]
    public void The_reason_s_stack_trace_is_cut_from_the_line()
    {
        var lines = new UnreachablePeerLines(new VirtualClock());
        var line = lines.Admit(
            "Association with remote system akka.gtcp://gossip@127.0.0.1:17101 has failed; address is now gated for 1000 ms. Reason is: " +
            "[Akka.Remote.EndpointDisassociatedException: Disassociated    at Akka.Remote.EndpointWriter.PublishAndThrow(Exception reason, LogLevel level, Boolean needToThrow)" +
            "    at Akka.Remote.EndpointWriter.Unhandled(Object message) in /src/Endpoint.cs:line 12]");

        Assert.Equal(
            "Association with remote system akka.gtcp://gossip@127.0.0.1:17101 has failed; address is now gated for 1000 ms. Reason is: " +
            "[Akka.Remote.EndpointDisassociatedException: Disassociated]",
            line);
    }
}
