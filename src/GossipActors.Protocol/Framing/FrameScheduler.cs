using System.Buffers;
using System.Buffers.Binary;

namespace GossipActors.Protocol.Framing;

/// <summary>
/// Cuts outgoing messages into frames of at most <see cref="MaximumFrameSize"/> bytes and decides which
/// message's frame goes next: urgent messages first, bulk messages round-robin, and after a run of
/// <see cref="MaximumUrgentRun"/> urgent frames one bulk frame so a flood of small messages cannot starve a
/// large one. Stream ids are given out when a message's first frame is emitted, so the receiver sees them
/// strictly in sequence. Pure and single-threaded: the connection owns one.
/// </summary>
public sealed class FrameScheduler
{
    public const int MaximumUrgentRun = 16;

    private readonly Queue<Outgoing> _urgent = new();
    private readonly Queue<Outgoing> _bulk = new();
    private readonly Queue<Outgoing> _inOrder = new();
    private uint _nextStreamId = 1;
    private int _urgentRun;

    /// <param name="maximumFrameSize">Frame size including headers, from <see cref="FrameFormat.MaximumFrameSize"/>.</param>
    /// <param name="interleave">False sends messages whole in queue order (benchmarks compare both).</param>
    public FrameScheduler(int maximumFrameSize, bool interleave = true)
    {
        if (maximumFrameSize < FrameFormat.FirstFrameHeaderSize + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumFrameSize), maximumFrameSize, "frame size leaves no room for payload");
        }

        MaximumFrameSize = maximumFrameSize;
        Interleave = interleave;
    }

    public int MaximumFrameSize { get; }

    public bool Interleave { get; }

    public int PendingMessages => _urgent.Count + _bulk.Count + _inOrder.Count;

    public bool HasPending => PendingMessages > 0;

    /// <summary>Bytes of payload queued but not yet cut into frames.</summary>
    public long PendingBytes { get; private set; }

    /// <summary>Urgent when the message is control traffic or fits in a single frame.</summary>
    public MessagePriority Classify(int payloadLength, bool control) =>
        control || payloadLength <= MaximumFrameSize - FrameFormat.FirstFrameHeaderSize
            ? MessagePriority.Urgent
            : MessagePriority.Bulk;

    /// <param name="tag">Handed back by <see cref="TryWriteNextFrame(IBufferWriter{byte}, out object?)"/> when the message's last frame is written.</param>
    public void Enqueue(ReadOnlyMemory<byte> payload, MessagePriority priority, bool compressed = false, object? tag = null)
    {
        if (payload.IsEmpty)
        {
            throw new ArgumentException("an empty message cannot be framed", nameof(payload));
        }

        var outgoing = new Outgoing(payload, compressed, tag);
        PendingBytes += payload.Length;
        if (!Interleave)
        {
            _inOrder.Enqueue(outgoing);
        }
        else if (priority == MessagePriority.Urgent)
        {
            _urgent.Enqueue(outgoing);
        }
        else
        {
            _bulk.Enqueue(outgoing);
        }
    }

    /// <summary>Writes the next frame into <paramref name="output"/>; false when nothing is pending.</summary>
    public bool TryWriteNextFrame(IBufferWriter<byte> output) => TryWriteNextFrame(output, out _);

    /// <summary>Writes the next frame; <paramref name="completedTag"/> is the tag of the message this frame finished, if any.</summary>
    public bool TryWriteNextFrame(IBufferWriter<byte> output, out object? completedTag)
    {
        ArgumentNullException.ThrowIfNull(output);
        completedTag = null;
        var queue = PickQueue();
        if (queue is null)
        {
            return false;
        }

        var message = queue.Dequeue();
        WriteFrame(message, output);
        if (message.Remaining == 0)
        {
            completedTag = message.Tag;
        }
        else
        {
            // Urgent messages keep their place at the head so a multi-frame control message is not overtaken
            // by the urgent ones behind it; bulk messages rotate for round-robin.
            if (queue == _bulk)
            {
                _bulk.Enqueue(message);
            }
            else
            {
                PutBackAtHead(queue, message);
            }
        }

        return true;
    }

    /// <summary>Writes frames until about <paramref name="budgetBytes"/> are written or nothing is pending.</summary>
    /// <returns>Number of frames written.</returns>
    public int WriteFrames(IBufferWriter<byte> output, int budgetBytes, ICollection<object>? completedTags = null)
    {
        var frames = 0;
        var written = 0;
        while (written < budgetBytes && HasPending)
        {
            var before = PendingBytes;
            TryWriteNextFrame(output, out var tag);
            if (tag is not null)
            {
                completedTags?.Add(tag);
            }

            written += (int)(before - PendingBytes) + FrameFormat.FirstFrameHeaderSize;
            frames++;
        }

        return frames;
    }

    private Queue<Outgoing>? PickQueue()
    {
        if (!Interleave)
        {
            return _inOrder.Count > 0 ? _inOrder : null;
        }

        if (_urgent.Count > 0 && (_bulk.Count == 0 || _urgentRun < MaximumUrgentRun))
        {
            _urgentRun++;
            return _urgent;
        }

        _urgentRun = 0;
        return _bulk.Count > 0 ? _bulk : null;
    }

    private static void PutBackAtHead(Queue<Outgoing> queue, Outgoing message)
    {
        var rest = queue.ToArray();
        queue.Clear();
        queue.Enqueue(message);
        foreach (var item in rest)
        {
            queue.Enqueue(item);
        }
    }

    private void WriteFrame(Outgoing message, IBufferWriter<byte> output)
    {
        var first = message.StreamId == 0;
        if (first)
        {
            message.StreamId = _nextStreamId;
            _nextStreamId = _nextStreamId == uint.MaxValue ? 1 : _nextStreamId + 1;
        }

        var headerSize = first ? FrameFormat.FirstFrameHeaderSize : FrameFormat.HeaderSize;
        var chunk = Math.Min(message.Remaining, MaximumFrameSize - headerSize);
        var flags = FrameFlags.None;
        if (first)
        {
            flags |= FrameFlags.First;
            if (message.Compressed)
            {
                flags |= FrameFlags.Compressed;
            }
        }

        if (chunk == message.Remaining)
        {
            flags |= FrameFlags.Last;
        }

        var span = output.GetSpan(headerSize + chunk);
        BinaryPrimitives.WriteUInt32BigEndian(span, message.StreamId);
        span[4] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(span[5..], (ushort)chunk);
        if (first)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[FrameFormat.HeaderSize..], (uint)message.Payload.Length);
        }

        message.Payload.Span.Slice(message.Sent, chunk).CopyTo(span[headerSize..]);
        output.Advance(headerSize + chunk);
        message.Sent += chunk;
        PendingBytes -= chunk;
    }

    private sealed class Outgoing(ReadOnlyMemory<byte> payload, bool compressed, object? tag)
    {
        public object? Tag { get; } = tag;

        public ReadOnlyMemory<byte> Payload { get; } = payload;

        public bool Compressed { get; } = compressed;

        public uint StreamId { get; set; }

        public int Sent { get; set; }

        public int Remaining => Payload.Length - Sent;
    }
}
