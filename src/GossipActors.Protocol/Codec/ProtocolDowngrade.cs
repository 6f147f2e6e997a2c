using GossipActors.Protocol.Messages;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// A message as a peer speaking an older protocol reads it. Each version since 5 added only trailing fields, which
/// older decoders refuse, so a connection whose peer speaks an older version carries the message without them; the
/// rules for every version are here, in one place.
/// </summary>
public static class ProtocolDowngrade
{
    /// <summary><paramref name="message"/> as a peer speaking <paramref name="protocolVersion"/> can read it.</summary>
    public static IGossipMessage ForPeer(IGossipMessage message, ushort protocolVersion) => message switch
    {
        GossipDigestAck { SentAtMs: not null } ack when protocolVersion < ClockStamps.FirstProtocolVersion => ack with { SentAtMs = null },
        GossipDigestAck2 { Clock: not null } ack2 when protocolVersion < ClockStamps.FirstProtocolVersion => ack2 with { Clock = null },
        GossipHeartbeat { SentAtMs: not null } heartbeat when protocolVersion < ClockStamps.FirstProtocolVersion => heartbeat with { SentAtMs = null },

        // An older subject sends on the stream, which the observer reads as well.
        GossipWatch { Datagrams: true } watch when protocolVersion < HeartbeatDatagram.FirstProtocolVersion => watch with { Datagrams = false },
        _ => message,
    };
}
