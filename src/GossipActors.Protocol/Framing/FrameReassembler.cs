using System.Buffers.Binary;

namespace GossipActors.Protocol.Framing;

/// <summary>
/// Rebuilds messages from a byte stream of interleaved frames, whatever the chunking of the reads.
/// Memory is bounded by what the peer actually sent, never by what it declared: a message's buffer grows as its
/// bytes arrive (doubling, up to its declared length), so a header declaring 16 MiB costs nothing until 16 MiB
/// come. Declarations are still checked: a message is refused when its declared length exceeds the maximum message
/// size or when the messages in flight would together declare more than the buffer limit (which the connection
/// keeps small until the peer has completed the handshake). Every violation throws <see cref="FramingException"/>
/// naming the value; the caller closes the connection. Not thread-safe: the caller serialises
/// <see cref="Feed(ReadOnlySpan{byte}, ICollection{ReassembledMessage}, long)"/> and <see cref="FindStalled"/>.
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
    private long _nowMs;
    private long _frameStartedMs;
    private long _frameStartPosition;

    /// <param name="bufferLimitSetting">The setting <paramref name="reassemblyBufferLimit"/> comes from, named in errors.</param>
    public FrameReassembler(int maximumMessageSize, int reassemblyBufferLimit, string bufferLimitSetting = "remote.reassembly-buffer-limit")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumMessageSize, 1);
        MaximumMessageSize = maximumMessageSize;
        SetBufferLimit(reassemblyBufferLimit, bufferLimitSetting);
    }

    public int MaximumMessageSize { get; }

    /// <summary>The most the messages in flight may declare together.</summary>
    public int ReassemblyBufferLimit { get; private set; }

    /// <summary>The setting <see cref="ReassemblyBufferLimit"/> comes from.</summary>
    public string BufferLimitSetting { get; private set; } = string.Empty;

    /// <summary>Bytes allocated for messages whose last frame has not arrived: at most twice what arrived of them.</summary>
    public long BufferedBytes { get; private set; }

    /// <summary>Bytes the messages in flight declared in their first frames.</summary>
    public long DeclaredBytes { get; private set; }

    public int StreamsInFlight => _inFlight.Count;

    /// <summary>Frames fully read so far (for traffic counters).</summary>
    public long FramesCompleted { get; private set; }

    /// <summary>Total bytes fed so far; used to say where in the connection a violation happened.</summary>
    public long Position { get; private set; }

    /// <summary>True while a frame has begun to arrive and not ended.</summary>
    public bool FrameInProgress => _current is not null || _headerFilled > 0;

    /// <summary>
    /// Changes the limit on what messages in flight may declare together (the connection raises it once the peer is
    /// authenticated); messages already in flight keep their place.
    /// </summary>
    public void SetBufferLimit(int bytes, string setting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        ArgumentException.ThrowIfNullOrEmpty(setting);
        ReassemblyBufferLimit = bytes;
        BufferLimitSetting = setting;
    }

    /// <summary>Consumes <paramref name="bytes"/> and appends every message completed by them to <paramref name="completed"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, ICollection<ReassembledMessage> completed) => Feed(bytes, completed, _nowMs);

    /// <summary>As <see cref="Feed(ReadOnlySpan{byte}, ICollection{ReassembledMessage})"/>, at <paramref name="nowMs"/> (for <see cref="FindStalled"/>).</summary>
    public void Feed(ReadOnlySpan<byte> bytes, ICollection<ReassembledMessage> completed, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(completed);
        _nowMs = nowMs;
        while (!bytes.IsEmpty)
        {
            if (_current is null)
            {
                if (_headerFilled == 0)
                {
                    _frameStartedMs = nowMs;
                    _frameStartPosition = Position;
                }

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
            EnsureCapacity(message, message.Received + chunk);
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

        if (payloadLength > message.Declared - message.Received)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} carries {payloadLength} bytes but only " +
                $"{message.Declared - message.Received} of its declared {message.Declared} remain");
        }

        message.LastSeen = flags.HasFlag(FrameFlags.Last);
        if (message.LastSeen && payloadLength != message.Declared - message.Received)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} ends after {message.Received + payloadLength} " +
                $"of its declared {message.Declared} bytes");
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

        if (DeclaredBytes + totalLength > ReassemblyBufferLimit)
        {
            throw new FramingException(
                $"frame at byte {frameStart}: stream id {streamId} declares {totalLength} bytes while messages in flight declare {DeclaredBytes}; " +
                $"together over {BufferLimitSetting} ({ReassemblyBufferLimit})");
        }

        if (_inFlight.Count >= MaximumStreamsInFlight)
        {
            throw new FramingException($"frame at byte {frameStart}: stream id {streamId} would be the {_inFlight.Count + 1}th message in flight (limit {MaximumStreamsInFlight})");
        }

        _expectedStreamId = streamId == uint.MaxValue ? 1 : streamId + 1;
        var message = new Incoming(streamId, flags.HasFlag(FrameFlags.Compressed), (int)totalLength, frameStart) { ProgressMs = _nowMs };
        _inFlight.Add(streamId, message);
        DeclaredBytes += totalLength;
        return message;
    }

    /// <summary>
    /// What makes no progress at <paramref name="nowMs"/>: a frame begun <paramref name="timeoutMs"/> or more ago and
    /// not ended, or a message in flight that has had no frame for that long. Null when everything moves. A peer that
    /// trickles a byte a second into a large frame, or opens a message and never continues it, is found here.
    /// </summary>
    public string? FindStalled(long nowMs, long timeoutMs)
    {
        if (FrameInProgress && nowMs - _frameStartedMs >= timeoutMs)
        {
            var what = _current is { } message
                ? $"frame at byte {_frameStartPosition} (stream id {message.StreamId}, {_currentFrameRemaining} of its payload bytes still missing)"
                : $"frame header at byte {_frameStartPosition} ({_headerFilled} of {_headerNeeded} bytes)";
            return $"{what} has been incomplete for {nowMs - _frameStartedMs} ms";
        }

        foreach (var message in _inFlight.Values)
        {
            if (nowMs - message.ProgressMs >= timeoutMs && message != _current)
            {
                return $"stream id {message.StreamId} (begun at byte {message.StartPosition}, {message.Received} of its declared {message.Declared} bytes received) " +
                       $"has had no frame for {nowMs - message.ProgressMs} ms";
            }
        }

        return null;
    }

    /// <summary>Grows a message's buffer to hold <paramref name="needed"/> bytes: doubling, never past its declared length.</summary>
    private void EnsureCapacity(Incoming message, int needed)
    {
        if (needed <= message.Buffer.Length)
        {
            return;
        }

        var size = (int)Math.Min(message.Declared, Math.Max(needed, 2L * message.Buffer.Length));
        var grown = new byte[size];
        message.Buffer.AsSpan(0, message.Received).CopyTo(grown);
        BufferedBytes += size - message.Buffer.Length;
        message.Buffer = grown;
    }

    private void EndFrame(ICollection<ReassembledMessage> completed)
    {
        FramesCompleted++;
        var message = _current!;
        _current = null;
        message.ProgressMs = _nowMs;
        if (message.LastSeen)
        {
            _inFlight.Remove(message.StreamId);
            BufferedBytes -= message.Buffer.Length;
            DeclaredBytes -= message.Declared;
            completed.Add(new ReassembledMessage(message.StreamId, message.Compressed, message.Buffer));
        }
    }

    private sealed class Incoming(uint streamId, bool compressed, int declared, long startPosition)
    {
        public uint StreamId { get; } = streamId;

        public bool Compressed { get; } = compressed;

        public int Declared { get; } = declared;

        public long StartPosition { get; } = startPosition;

        /// <summary>Grows with the bytes received; exactly <see cref="Declared"/> long once they all have.</summary>
        public byte[] Buffer { get; set; } = [];

        /// <summary>When the message began or last completed a frame.</summary>
        public long ProgressMs { get; set; }

        public int Received { get; set; }

        public bool LastSeen { get; set; }
    }
}
