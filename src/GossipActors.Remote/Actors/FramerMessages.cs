using GossipActors.Protocol.Framing;
using GossipActors.Remote.Diagnostics;

namespace GossipActors.Remote.Actors;

/// <summary>
/// The socket write pump as the framer sees it: <see cref="Write"/> only queues the batch (it never blocks);
/// once the bytes are written the pump tells the framer <see cref="FramesWritten"/>.
/// </summary>
public interface IFrameWriter
{
    void Write(FrameBatch batch);
}

/// <summary>
/// Hands one connection's framing to the framer. The scheduler and reassembler were used for the handshake, so
/// they come with their stream ids and any frames still queued; from now on only the framer touches them.
/// <paramref name="Link"/> identifies the connection in every later message; a new attach replaces the old one.
/// </summary>
public sealed record AttachFraming(
    object Link,
    string Peer,
    FrameScheduler Scheduler,
    FrameReassembler Reassembler,
    IFrameWriter Writer,
    TransportCounters? Counters = null);

/// <summary>The connection closed: drop its framing state.</summary>
public sealed record DetachFraming(object Link);

/// <summary>An encoded (and possibly compressed) message to cut into frames. Control messages are always urgent.</summary>
public sealed record FrameOutgoing(object Link, byte[] Payload, bool Control, bool Compressed, object? Tag);

/// <summary>Bytes the socket read pump received, in order.</summary>
public sealed record FrameBytesReceived(object Link, byte[] Bytes);

/// <summary>
/// Frames cut for the socket, at most one batch in flight per connection so that a message queued later can
/// still overtake the rest of a bulk one. <paramref name="PayloadBytes"/> is the message payload they carry;
/// <paramref name="CompletedTags"/> are the tags of messages whose last frame is in this batch.
/// </summary>
public sealed record FrameBatch(object Link, byte[] Bytes, int Frames, long PayloadBytes, IReadOnlyList<object> CompletedTags);

/// <summary>The write pump finished writing the last batch; the framer may cut the next.</summary>
public sealed record FramesWritten(object Link);

/// <summary>To the framer's owner: whole messages rebuilt from the connection's frames, still encoded.</summary>
public sealed record FramesReassembled(object Link, IReadOnlyList<ReassembledMessage> Messages);

/// <summary>To the framer's owner: the peer broke the framing rules (the reason names the value); close the connection.</summary>
public sealed record FramingFailed(object Link, string Peer, string Reason);
