using System.Buffers;
using System.Buffers.Binary;
using GossipActors.Protocol.Framing;

namespace GossipActors.Protocol.Tests.Framing;

internal static class FrameTestHelpers
{
    public static byte[] Message(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Drains the scheduler frame by frame, returning each frame's bytes.</summary>
    public static List<byte[]> DrainFrames(FrameScheduler scheduler)
    {
        var frames = new List<byte[]>();
        var buffer = new ArrayBufferWriter<byte>();
        while (scheduler.TryWriteNextFrame(buffer))
        {
            frames.Add(buffer.WrittenSpan.ToArray());
            buffer.Clear();
        }

        return frames;
    }

    public static byte[] NextFrame(FrameScheduler scheduler)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Xunit.Assert.True(scheduler.TryWriteNextFrame(buffer));
        return buffer.WrittenSpan.ToArray();
    }

    public static uint StreamId(byte[] frame) => BinaryPrimitives.ReadUInt32BigEndian(frame);

    public static FrameFlags Flags(byte[] frame) => (FrameFlags)frame[4];

    /// <summary>Builds one raw frame, for feeding hand-made violations to the reassembler.</summary>
    public static byte[] RawFrame(uint streamId, FrameFlags flags, int payloadLength, uint? totalLength = null)
    {
        var header = flags.HasFlag(FrameFlags.First) ? FrameFormat.FirstFrameHeaderSize : FrameFormat.HeaderSize;
        var frame = new byte[header + payloadLength];
        BinaryPrimitives.WriteUInt32BigEndian(frame, streamId);
        frame[4] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(5), (ushort)payloadLength);
        if (flags.HasFlag(FrameFlags.First))
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(FrameFormat.HeaderSize), totalLength ?? (uint)payloadLength);
        }

        return frame;
    }
}
