using GossipActors.Protocol.Messages;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// The clock stamps of ACK, ACK2 and heartbeats (<see cref="GossipDigestAck.SentAtMs"/>,
/// <see cref="GossipDigestAck2.Clock"/>, <see cref="GossipHeartbeat.SentAtMs"/>): trailing fields (a heartbeat's, a
/// message type of its own in the compact encoding) that a protocol 5 decoder refuses, so a connection whose peer
/// speaks an older protocol carries the messages without them (<see cref="ProtocolDowngrade"/>).
/// </summary>
public static class ClockStamps
{
    /// <summary>The first protocol version whose ACK and ACK2 may carry clock stamps.</summary>
    public const ushort FirstProtocolVersion = 6;

    // The stamps are the last fields of an ACK and an ACK2, the same in the stateless and the compact encoding, and only
    // a protocol 6 peer writes them (ForPeer): bytes after the states are them, and nothing there is an older message.
    internal static void WriteAckStamp(WireWriter writer, GossipDigestAck ack)
    {
        if (ack.SentAtMs is { } sentAt)
        {
            writer.WriteInt64(sentAt, "ack.sent-at");
        }
    }

    internal static void WriteAck2Stamps(WireWriter writer, GossipDigestAck2 ack2)
    {
        if (ack2.Clock is { } clock)
        {
            writer.WriteInt64(clock.AckSentAtMs, "ack2.ack-sent-at");
            writer.WriteInt64(clock.SentAtMs, "ack2.sent-at");
        }
    }

    internal static long? ReadAckStamp(ref WireReader reader) =>
        reader.Remaining > 0 ? reader.ReadInt64("ack.sent-at") : null;

    internal static ClockEcho? ReadAck2Stamps(ref WireReader reader) =>
        reader.Remaining > 0 ? new ClockEcho(reader.ReadInt64("ack2.ack-sent-at"), reader.ReadInt64("ack2.sent-at")) : null;
}
