using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec;

/// <summary>Messages the transport exchanges for itself; gossip never sees them.</summary>
public abstract record ControlMessage;

/// <summary>
/// First message on every connection, sent by the dialer. The listener compares each field with its own
/// and answers <see cref="HelloAccepted"/> or <see cref="HelloRejected"/>. <paramref name="LinkId"/> names the
/// dialer's link across reconnects (empty for one-off connections such as MTU probes): a link that reconnects after
/// MTU discovery resumes the association the listener already has for it.
/// </summary>
public sealed record Hello(
    uint Magic,
    ushort ProtocolVersion,
    string ClusterName,
    EndpointAddress Sender,
    Guid HostId,
    int Generation,
    string DataCenter,
    bool TlsEnabled,
    Guid LinkId = default) : ControlMessage;

/// <param name="Resumed">The listener still holds the association of the Hello's link and this connection continues it.</param>
public sealed record HelloAccepted(
    ushort ProtocolVersion,
    EndpointAddress Sender,
    Guid HostId,
    int Generation,
    string DataCenter,
    bool Resumed = false) : ControlMessage;

public enum RejectReason : byte
{
    ClusterNameMismatch = 1,
    ProtocolVersionMismatch = 2,
    TlsRequired = 3,
    BadMagic = 4,
    MalformedHandshake = 5,
    TlsNotEnabled = 6,

    /// <summary>This node has a keyring (remote.keyring) and the peer has none.</summary>
    KeyringRequired = 7,

    /// <summary>The peer has a keyring and this node has none.</summary>
    KeyringNotEnabled = 8,

    /// <summary>Both have a keyring, but a proof matched none of the checking side's keys.</summary>
    NoSharedKey = 9,
}

/// <summary>
/// Why a listener refused a dialer, with both sides' values so the dialer's log can show what to fix
/// without access to the remote's log.
/// </summary>
public sealed record HelloRejected(RejectReason Reason, string LocalValue, string RemoteValue, string Detail) : ControlMessage;

/// <summary>Sent on an idle connection so both ends (and middleboxes) see traffic.</summary>
public sealed record KeepAlive : ControlMessage;

/// <summary>
/// A black-hole finding sent to the peer it concerns, on a fresh connection (the stalled one delivers nothing more):
/// the receiver cannot see that our large writes to it vanish, yet its "Unable to gossip with any seeds" diagnosis
/// needs exactly that.
/// </summary>
public sealed record PathReport(string Finding) : ControlMessage;

/// <summary>Padding used by MTU discovery to find out whether full-size segments reach the peer; discarded on receipt.</summary>
public sealed record PathProbe(int PaddingLength) : ControlMessage;
