using GossipActors.Protocol.Model;
using GossipActors.Remote.Diagnostics;

namespace GossipActors.Remote.Transport;

/// <summary>Published on the event stream when large writes to a peer stall (seed 000); the shadow round's diagnosis uses it.</summary>
public sealed record PeerBlackHoled(EndpointAddress Peer, BlackHoleFinding Finding);

/// <summary>Published when MTU discovery found the path MTU to a peer; later connections to it are clamped for it.</summary>
public sealed record PathMtuDiscovered(EndpointAddress Peer, int Mtu);

/// <summary>
/// Published when a dial or our handshake to a peer failed; <paramref name="Reason"/> includes a remote's rejection
/// ("cluster names differ…"). Akka itself only says "Association failed".
/// </summary>
public sealed record PeerDialFailed(EndpointAddress Peer, string Reason, int ConsecutiveFailures);

/// <summary>
/// A management command for the transport (<c>Transport.ManagementCommand</c>): the peer left for good; close the
/// associations to it now instead of waiting for Akka's heartbeats to give up.
/// </summary>
public sealed record ForgetPeer(EndpointAddress Peer);
