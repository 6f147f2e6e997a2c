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
/// Hands one connection's outbound framing to the framer. The scheduler was used for the handshake, so it comes
/// with its stream ids and any frames still queued; from now on only the framer touches it.
/// <paramref name="Link"/> identifies the connection in every later message; a new attach replaces the old one.
/// </summary>
public sealed record AttachFraming(
    object Link,
    string Peer,
    FrameScheduler Scheduler,
    IFrameWriter Writer,
    TransportCounters? Counters = null);

/// <summary>The connection closed: drop its framing state.</summary>
public sealed record DetachFraming(object Link);

/// <summary>An encoded (and possibly compressed) message to cut into frames. Control messages are always urgent.</summary>
public sealed record FrameOutgoing(object Link, byte[] Payload, bool Control, bool Compressed, object? Tag);

/// <summary>
/// Frames cut for the socket, at most one batch in flight per connection so that a message queued later can
/// still overtake the rest of a bulk one. <paramref name="Bytes"/> is lent: the framer cuts the next batch into the
/// same memory once it hears <see cref="FramesWritten"/>, so the pump must not keep it past that.
/// <paramref name="PayloadBytes"/> is the message payload they carry; <paramref name="CompletedTags"/> are the tags
/// of messages whose last frame is in this batch.
/// </summary>
public sealed record FrameBatch(object Link, ReadOnlyMemory<byte> Bytes, int Frames, long PayloadBytes, IReadOnlyList<object> CompletedTags);

/// <summary>The write pump finished writing the last batch; the framer may cut the next.</summary>
public sealed record FramesWritten(object Link);

/// <summary>To the framer's owner: the framer has no state for this connection (the reason says why); close it.</summary>
public sealed record FramingFailed(object Link, string Peer, string Reason);
