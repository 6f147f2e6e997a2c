using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// Big-endian primitives onto an <see cref="IBufferWriter{T}"/>. Tracks the bytes written so far so that the
/// size limit is enforced while writing and an oversized message is refused with the field that crossed it.
/// </summary>
internal sealed class WireWriter(IBufferWriter<byte> output, CodecLimits limits)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public int Written { get; private set; }

    public void WriteByte(byte value, string field)
    {
        Reserve(1, field)[0] = value;
        Advance(1);
    }

    public void WriteUInt16(ushort value, string field)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Reserve(2, field), value);
        Advance(2);
    }

    public void WriteInt32(int value, string field)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4, field), value);
        Advance(4);
    }

    /// <summary>Versions and generations: the reader refuses negative ones, so the writer refuses to produce them.</summary>
    public void WriteNonNegativeInt32(int value, string field)
    {
        if (value < 0)
        {
            throw new CodecException(field, Written, $"value {value} is negative; the wire carries 0 to {int.MaxValue}");
        }

        WriteInt32(value, field);
    }

    public void WriteUInt32(uint value, string field)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(4, field), value);
        Advance(4);
    }

    public void WriteInt64(long value, string field)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8, field), value);
        Advance(8);
    }

    /// <summary>A token of a length fixed by the format (a nonce, a proof): no length prefix.</summary>
    public void WriteFixed(ReadOnlySpan<byte> value, int length, string field)
    {
        if (value.Length != length)
        {
            throw new CodecException(field, Written, $"{value.Length} bytes where the format has exactly {length}");
        }

        value.CopyTo(Reserve(length, field));
        Advance(length);
    }

    public void WriteGuid(Guid value, string field)
    {
        value.TryWriteBytes(Reserve(16, field), bigEndian: true, out _);
        Advance(16);
    }

    public void WriteCount(int count, string field)
    {
        if (count > limits.MaximumCount)
        {
            throw new CodecException(field, Written, $"count {count} exceeds the limit of {limits.MaximumCount}");
        }

        WriteUInt32((uint)count, field);
    }

    public void WriteString(string value, int maximumBytes, string field) => WriteText(value, maximumBytes, field, varintLength: false);

    /// <summary>An unsigned LEB128 varint: 1 byte below 128, at most 5.</summary>
    public void WriteVarUInt32(uint value, string field)
    {
        var span = Reserve(5, field);
        var length = 0;
        while (value >= 0x80)
        {
            span[length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[length++] = (byte)value;
        Advance(length);
    }

    /// <summary>Zig-zag: a signed delta whose magnitude fits 31 bits, small magnitudes of either sign in one byte.</summary>
    public void WriteZigZag(long value, string field)
    {
        if (value is < int.MinValue or > int.MaxValue)
        {
            throw new CodecException(field, Written, $"delta {value} does not fit in 32 bits");
        }

        WriteVarUInt32((uint)(((int)value << 1) ^ ((int)value >> 31)), field);
    }

    /// <summary>A string with a varint byte length.</summary>
    public void WriteShortString(string value, int maximumBytes, string field) => WriteText(value, maximumBytes, field, varintLength: true);

    public void WriteEndpoint(EndpointAddress endpoint, string field)
    {
        if (endpoint.Port is < 1 or > 65535)
        {
            throw new CodecException(field + ".port", Written, $"port {endpoint.Port} is outside 1-65535");
        }

        WriteString(endpoint.Host ?? string.Empty, limits.MaximumNameLength, field + ".host");
        WriteUInt16((ushort)endpoint.Port, field + ".port");
    }

    public void WritePadding(int length, string field)
    {
        Reserve(length, field)[..length].Clear();
        Advance(length);
    }

    private void WriteText(string value, int maximumBytes, string field, bool varintLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length;
        try
        {
            length = Utf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new CodecException(field, Written, "string is not valid UTF-16 (lone surrogate)");
        }

        if (length > maximumBytes)
        {
            throw new CodecException(field, Written, $"string of {length} bytes exceeds the limit of {maximumBytes} bytes{LimitName(maximumBytes)}");
        }

        if (varintLength)
        {
            WriteVarUInt32((uint)length, field);
        }
        else
        {
            WriteUInt32((uint)length, field);
        }

        Utf8.GetBytes(value, Reserve(length, field));
        Advance(length);
    }

    private string LimitName(int maximumBytes) =>
        maximumBytes == limits.MaximumMessageSize ? " (remote.maximum-message-size)" : string.Empty;

    private Span<byte> Reserve(int size, string field)
    {
        if ((long)Written + size > limits.MaximumMessageSize)
        {
            throw new CodecException(
                field,
                Written,
                $"message would exceed remote.maximum-message-size ({limits.MaximumMessageSize} bytes)");
        }

        return output.GetSpan(size);
    }

    private void Advance(int size)
    {
        output.Advance(size);
        Written += size;
    }
}
