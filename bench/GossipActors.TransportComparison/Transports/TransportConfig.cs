using Akka.Configuration;

namespace GossipActors.TransportComparison.Transports;

/// <summary>
/// The only place that knows how each transport is switched on. Both systems of a pair get the same
/// configuration; every endpoint binds an ephemeral port on 127.0.0.1 so two runs (and other engineers' runs)
/// never collide on a port.
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
        akka.remote.dot-netty.tcp {
          hostname = "127.0.0.1"
          port = 0
        }
        """;

    // The transport reads its endpoint from our own top-level `remote` section and needs a cluster name,
    // as agreed with the driver's author.
    private const string Gtcp = $$"""
        akka.remote.enabled-transports = ["akka.remote.gossip-tcp"]
        akka.remote.gossip-tcp.transport-class = "{{GtcpTransportClass}}"
        remote {
          hostname = "127.0.0.1"
          port = 0
        }
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

    /// <summary>The full configuration for one system; <paramref name="overrides"/> (HOCON) wins over all of it.</summary>
    public static Config For(TransportKind kind, string? overrides)
    {
        var transport = kind switch
        {
            TransportKind.DotNetty => DotNetty,
            TransportKind.Gtcp => Gtcp,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        var config = ConfigurationFactory.ParseString(transport + "\n" + Common);
        return string.IsNullOrWhiteSpace(overrides) ? config : ConfigurationFactory.ParseString(overrides).WithFallback(config);
    }
}
