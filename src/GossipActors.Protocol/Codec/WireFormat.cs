namespace GossipActors.Protocol.Codec;

/// <summary>Constants of the wire format shared by the encoder and the decoder.</summary>
public static class WireFormat
{
    /// <summary>First byte of every encoded message; bumped when the layout of any message changes.</summary>
    public const byte FormatVersion = 1;

    /// <summary>
    /// Handshake protocol version: peers with a different one are refused with a reason. 3 added the keyring exchange
    /// (<see cref="KeyringOffer"/> after every Hello); the Hello itself kept its layout so both sides still decode it.
    /// 4 carries gossip on the transport's own connections, SYN, ACK and ACK2 in the compact per-connection encoding
    /// (<see cref="Compact.CompactGossipFormat"/>) instead of as Akka.Remote messages; the Hello's layout is unchanged.
    /// 5 adds <see cref="WireMessageType.Watch"/>, which a protocol 4 node would refuse as an unknown message type.
    /// 6 adds clock stamps to ACK and ACK2 (<see cref="ClockStamps"/>) and is the first to negotiate: a listener accepts
    /// any version from <see cref="OldestProtocolVersion"/> up and answers with the lower of the two, which both sides
    /// then speak; a dialer refused by an older listener dials again with the listener's version.
    /// 7 adds the watch's datagram flag (<see cref="GossipActors.Protocol.Messages.GossipWatch.Datagrams"/>): its
    /// subject then sends heartbeats as UDP datagrams (<see cref="HeartbeatDatagram"/>).
    /// </summary>
    public const ushort ProtocolVersion = 7;

    /// <summary>The oldest handshake protocol version this node still speaks (a rolling upgrade from it works).</summary>
    public const ushort OldestProtocolVersion = 5;

    /// <summary>Whether this node speaks <paramref name="version"/> (its Hello's layout is one it reads).</summary>
    public static bool Speaks(ushort version) => version is >= OldestProtocolVersion and <= ProtocolVersion;

    /// <summary>The version a connection speaks when the peer offers <paramref name="offered"/>: the lower of the two.</summary>
    public static ushort Negotiate(ushort offered) => Math.Min(offered, ProtocolVersion);

    /// <summary>Bytes of each side's nonce and of each keyring proof (an HMAC-SHA256).</summary>
    public const int KeyringTokenSize = 32;

    /// <summary>"GSPA" in ASCII: lets a listener tell our handshake from a stray client in four bytes.</summary>
    public const uint Magic = 0x47535041;

    /// <summary>Format version byte plus message type byte.</summary>
    public const int HeaderSize = 2;
}

/// <summary>The type byte after the format version. Gossip messages below 16, transport control messages above.</summary>
public enum WireMessageType : byte
{
    Syn = 1,
    Ack = 2,
    Ack2 = 3,
    Shutdown = 4,
    Echo = 5,
    EchoReply = 6,
    Heartbeat = 7,

    /// <summary>SYN, ACK and ACK2 written against the connection's <see cref="Compact.CompactGossipTable"/> (protocol 4).</summary>
    CompactSyn = 8,
    CompactAck = 9,
    CompactAck2 = 10,

    /// <summary>A direct heartbeat on a protocol 4 connection: its generation as a delta from the last one it carried.</summary>
    CompactHeartbeat = 11,

    /// <summary>An observer asking for the receiver's direct heartbeats (protocol 5).</summary>
    Watch = 12,

    /// <summary>
    /// A direct heartbeat with the sender's clock (protocol 6): a flags byte (bit 0: the generation follows as a varint,
    /// else it is the last heartbeat's; bit 1: the clock is absolute), [generation], the clock as an 8-byte Unix ms or a
    /// zig-zag delta from the previous stamped heartbeat's (<see cref="Compact.CompactGossipFormat"/>).
    /// </summary>
    CompactStampedHeartbeat = 13,
    Hello = 16,
    HelloAccepted = 17,
    HelloRejected = 18,
    KeepAlive = 19,
    PathProbe = 20,
    PathReport = 21,

    /// <summary>
    /// An opaque payload the transport carries for the layer above it (an Akka.Remote PDU), after an 8-byte sequence
    /// number (0 for none) by which a resumed link's receiver drops what it already delivered: never decoded here.
    /// </summary>
    Payload = 22,
    KeyringOffer = 23,
    KeyringChallenge = 24,
    KeyringProof = 25,
    KeyringAccepted = 26,
}
