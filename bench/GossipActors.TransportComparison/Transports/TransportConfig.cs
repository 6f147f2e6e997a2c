using System.Globalization;
using Akka.Configuration;

namespace GossipActors.TransportComparison.Transports;

/// <summary>
/// The only place that knows how each transport is switched on. Both systems of a pair get the same
/// configuration but their own port on 127.0.0.1, never a fixed one, so runs (and other engineers' runs) do not
/// collide.
/// </summary>
public static class TransportConfig
{
    /// <summary>
    /// Named as a string, not a type: the driver is being written on another branch, and the harness has to build
    /// and run its DotNetty half before that class exists. Akka resolves it by name when the system starts.
    /// </summary>
    public const string GtcpTransportClass = "GossipActors.Remote.Transport.GossipTcpTransport, GossipActors.Remote";

    // Lifecycle events and dead letters during shutdown are expected noise at the end of every run;
    // real warnings (a failed association, a dropped oversized frame) still print.
    private const string Common = """
        akka.loglevel = WARNING
        akka.stdout-loglevel = WARNING
        akka.log-dead-letters-during-shutdown = off
        akka.actor.provider = remote
        akka.remote.log-remote-lifecycle-events = off
        """;

    // Everything else is Akka.Remote 1.5's default (batching on, max-pending-writes 30, maximum-frame-size
    // 128000b, which a 37 KB message fits), because the question is how our driver compares with what a user
    // gets out of the box.
    private const string DotNetty = """
        akka.remote.enabled-transports = ["akka.remote.dot-netty.tcp"]
        akka.remote.dot-netty.tcp.hostname = "127.0.0.1"
        """;

    // GossipTcpTransport reads its endpoint from our own top-level `remote` section (never from
    // akka.remote.gossip-tcp, which only names the class) and refuses peers with another gossip.cluster-name.
    private const string Gtcp = $$"""
        akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]
        akka.remote.gossip-tcp.transport-class = "{{GtcpTransportClass}}"
        remote.hostname = "127.0.0.1"
        gossip.cluster-name = "bench"
        """;

    /// <summary>The name used on the command line and in reports.</summary>
    public static string Name(TransportKind kind) => kind switch
    {
        TransportKind.DotNetty => "dotnetty",
        TransportKind.Gtcp => "gtcp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The address scheme the transport must produce. Checked after start-up so a typo in the HOCON that
    /// silently falls back to another transport cannot be reported as that transport's figures.
    /// </summary>
    public static string Protocol(TransportKind kind) => kind switch
    {
        TransportKind.DotNetty => "akka.tcp",
        TransportKind.Gtcp => "akka.gtcp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// The port one system should be configured with: 0 lets DotNetty take an ephemeral port at bind, with no race;
    /// the gtcp driver refuses 0 (its settings accept 1-65535), so it gets a port found free just before.
    /// </summary>
    public static int ListenPort(TransportKind kind) => kind == TransportKind.Gtcp ? FreePort.OnLoopback() : 0;

    /// <summary>The full configuration for one system; <paramref name="overrides"/> (HOCON) wins over all of it.</summary>
    public static Config For(TransportKind kind, int port, string? overrides)
    {
        var transport = kind switch
        {
            TransportKind.DotNetty => DotNetty,
            TransportKind.Gtcp => Gtcp,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var portKey = kind == TransportKind.Gtcp ? "remote.port" : "akka.remote.dot-netty.tcp.port";
        var config = ConfigurationFactory.ParseString(
            string.Join('\n', transport, string.Create(CultureInfo.InvariantCulture, $"{portKey} = {port}"), Common));
        return string.IsNullOrWhiteSpace(overrides) ? config : ConfigurationFactory.ParseString(overrides).WithFallback(config);
    }
}
