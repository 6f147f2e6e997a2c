using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;
using GossipActors.Remote.Diagnostics;

namespace GossipActors.Remote.Actors;

/// <summary>Tell to the remote actor: deliver <paramref name="Message"/> to <paramref name="To"/>.</summary>
public sealed record SendTo(EndpointAddress To, IGossipMessage Message);

/// <summary>Published on the event stream when large writes to a peer stall (seed 000); the shadow round uses it.</summary>
public sealed record PeerBlackHoled(EndpointAddress Peer, BlackHoleFinding Finding);

/// <summary>Published when MTU discovery found the path MTU to a peer.</summary>
public sealed record PathMtuDiscovered(EndpointAddress Peer, int Mtu);

/// <summary>Published when a dial or handshake to a peer failed; <paramref name="Reason"/> includes a remote's rejection.</summary>
public sealed record PeerDialFailed(EndpointAddress Peer, string Reason, int ConsecutiveFailures);

/// <summary>
/// Ask the remote actor: hand everything queued on open outbound connections to the sockets (used before the
/// actor system stops, so a shutdown announcement is not lost). Replies <see cref="OutboundFlushed"/>.
/// </summary>
public sealed record FlushOutbound(TimeSpan Timeout);

/// <summary>The reply to <see cref="FlushOutbound"/>: how many connections were flushed.</summary>
public sealed record OutboundFlushed(int Connections);

internal sealed record InboundAccepted(Connection Connection);

/// <summary>
/// Tell to the remote actor: the peer left for good; close the outbound connection and never redial it. A reply
/// to it (it may still gossip while it leaves) dials once and is not retried.
/// </summary>
public sealed record ForgetPeer(EndpointAddress Peer);

/// <summary>A non-redialling link to a departed peer ended; its actor stops, and a later send dials afresh.</summary>
internal sealed class LinkEnded
{
    public static readonly LinkEnded Instance = new();
}
