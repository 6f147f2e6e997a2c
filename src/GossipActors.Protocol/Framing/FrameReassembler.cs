using System.Buffers.Binary;

namespace GossipActors.Protocol.Framing;

/// <summary>
/// Rebuilds messages from a byte stream of interleaved frames, whatever the chunking of the reads.
/// Memory is bounded: a message is refused when its declared length exceeds the maximum message size or when
/// the messages in flight would together exceed the per-connection reassembly buffer limit. Every violation
/// throws <see cref="FramingException"/> naming the value; the caller closes the connection.
/// </summary>
public sealed class FrameReassembler
{
    public const int MaximumStreamsInFlight = 1024;

    private readonly Dictionary<uint, Incoming> _inFlight = [];
    private readonly byte[] _header = new byte[FrameFormat.FirstFrameHeaderSize];
    private int _headerFilled;
    private int _headerNeeded = FrameFormat.HeaderSize;
    private Incoming? _current;
    private int _currentFrameRemaining;
    private uint _expectedStreamId = 1;

    public FrameReassembler(int maximumMessageSize, int reassemblyBufferLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumMessageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(reassemblyBufferLimit, 1);
        MaximumMessageSize = maximumMessageSize;
        ReassemblyBufferLimit = reassemblyBufferLimit;
    }

    public int MaximumMessageSize { get; }

    public int ReassemblyBufferLimit { get; }

    /// <summary>Bytes reserved for messages whose last frame has not arrived.</summary>
    public long BufferedBytes { get; private set; }

    public int StreamsInFlight => _inFlight.Count;

    /// <summary>Frames fully read so far (for traffic counters).</summary>
    public long FramesCompleted { get; private set; }

    /// <summary>Total bytes fed so far; used to say where in the connection a violation happened.</summary>
    public long Position { get; private set; }

    /// <summary>Consumes <paramref name="bytes"/> and appends every message completed by them to <paramref name="completed"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, ICollection<ReassembledMessage> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        while (!bytes.IsEmpty)
        {
            if (_current is null)
            {
                var take = Math.Min(_headerNeeded - _headerFilled, bytes.Length);
                bytes[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                Position += take;
                bytes = bytes[take..];
                if (_headerFilled == _headerNeeded)
                {
                    OnHeaderBytes(completed);
                }

                continue;
            }

            var chunk = Math.Min(_currentFrameRemaining, bytes.Length);
            var message = _current;
            bytes[..chunk].CopyTo(message.Buffer.AsSpan(message.Received));
            message.Received += chunk;
            _currentFrameRemaining -= chunk;
            Position += chunk;
            bytes = bytes[chunk..];
            if (_currentFrameRemaining == 0)
            {
                EndFrame(completed);
            }
        }
    }

    private void OnHeaderBytes(ICollection<ReassembledMessage> completed)
    {
        var flags = (FrameFlags)_header[4];
        if (_headerNeeded == FrameFormat.HeaderSize && flags.HasFlag(FrameFlags.First))
        {
            // The first frame carries four more header bytes: the message's total length.
            _headerNeeded = FrameFormat.FirstFrameHeaderSize;
            return;
        }

        var streamId = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(_header.AsSpan(5));
        var frameStart = Position - _headerNeeded;
        _headerFilled = 0;
        _headerNeeded = FrameFormat.HeaderSize;

        const FrameFlags known = FrameFlags.First | FrameFlags.Last | FrameFlags.Compressed;
        if ((flags & ~known) != 0)
        {
            throw new FramingException($"frame at byte {frameStart}: unknown flags 0x{(byte)flags:X2} on stream id {streamId}");
        }

        Incoming message;
        if (flags.HasFlag(FrameFlags.First))
        {
            message = StartStream(streamId, flags, BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(FrameFormat.HeaderSize)), frameStart);
        }
        else
        {
            if (flags.HasFlag(FrameFlags.Compressed))
            {
                throw new FramingException($"frame at byte {frameStart}: compressed flag on a continuation frame of stream id {streamId}");
            }

            if (!_inFlight.TryGetValue(streamId, out message!))
            {
                throw new FramingException($"frame at byte {frameStart}: unknown stream id {streamId} (no message with that id is in flight)");
            }
        }

        if (payloadLength > message.Buffer.Length - message.Received)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} carries {payloadLength} bytes but only " +
                $"{message.Buffer.Length - message.Received} of its declared {message.Buffer.Length} remain");
        }

        message.LastSeen = flags.HasFlag(FrameFlags.Last);
        if (message.LastSeen && payloadLength != message.Buffer.Length - message.Received)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} ends after {message.Received + payloadLength} " +
                $"of its declared {message.Buffer.Length} bytes");
        }

        if (payloadLength == 0 && !message.LastSeen)
        {
            throw new FramingException($"frame at byte {frameStart}: empty continuation frame on stream id {streamId}");
        }

        _current = message;
        _currentFrameRemaining = payloadLength;
        if (payloadLength == 0)
        {
            EndFrame(completed);
        }
    }

    private Incoming StartStream(uint streamId, FrameFlags flags, uint totalLength, long frameStart)
    {
        if (streamId != _expectedStreamId)
        {
            var why = _inFlight.ContainsKey(streamId) ? "is already in flight" : "is out of order";
            throw new FramingException($"frame at byte {frameStart}: stream id {streamId} {why}; expected {_expectedStreamId}");
        }

        if (totalLength == 0)
        {
            throw new FramingException($"frame at byte {frameStart}: stream id {streamId} declares an empty message");
        }

        if (totalLength > (uint)MaximumMessageSize)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} declares {totalLength} bytes, over remote.maximum-message-size ({MaximumMessageSize})");
        }

        if (BufferedBytes + totalLength > ReassemblyBufferLimit)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} declares {totalLength} bytes while {BufferedBytes} are buffered; " +
                $"together over remote.reassembly-buffer-limit ({ReassemblyBufferLimit})");
        }

        if (_inFlight.Count >= MaximumStreamsInFlight)
        {
            throw new FramingException($"frame at byte {frameStart}: stream id {streamId} would be the {_inFlight.Count + 1}th message in flight (limit {MaximumStreamsInFlight})");
        }

        _expectedStreamId = streamId == uint.MaxValue ? 1 : streamId + 1;
        var message = new Incoming(streamId, flags.HasFlag(FrameFlags.Compressed), new byte[totalLength]);
        _inFlight.Add(streamId, message);
        BufferedBytes += totalLength;
        return message;
    }

    private void EndFrame(ICollection<ReassembledMessage> completed)
    {
        FramesCompleted++;
        var message = _current!;
        _current = null;
        if (message.LastSeen)
        {
            _inFlight.Remove(message.StreamId);
            BufferedBytes -= message.Buffer.Length;
            completed.Add(new ReassembledMessage(message.StreamId, message.Compressed, message.Buffer));
        }
    }

    private sealed class Incoming(uint streamId, bool compressed, byte[] buffer)
    {
        public uint StreamId { get; } = streamId;

        public bool Compressed { get; } = compressed;

        public byte[] Buffer { get; } = buffer;

        public int Received { get; set; }

        public bool LastSeen { get; set; }
    }
}
