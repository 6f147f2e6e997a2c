namespace GossipActors.TransportComparison.Transports;

/// <summary>The Akka.Remote transports the harness can put between the two systems.</summary>
public enum TransportKind
{
    /// <summary>Akka.Remote's default, <c>akka.remote.dot-netty.tcp</c>.</summary>
    DotNetty,

    /// <summary>Our own driver, <c>GossipActors.Remote.Transport.GossipTcpTransport</c>.</summary>
    Gtcp,
}
