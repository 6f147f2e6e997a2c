using System.Buffers.Binary;
using System.Text;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Codec;

/// <summary>
/// Big-endian primitives from a span with a running offset. Every read checks the remaining length first and
/// reports the field and the offset where it starts, so no slice or decoder exception ever escapes.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> data, CodecLimits limits)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _data = data;

    public int Offset { get; private set; }

    public readonly int Remaining => _data.Length - Offset;

    public readonly CodecLimits Limits => limits;

    public byte ReadByte(string field) => Take(1, field)[0];

    /// <summary>A one-byte flag: 0 or 1, anything else is malformed.</summary>
    public bool ReadFlag(string field)
    {
        var at = Offset;
        var value = ReadByte(field);
        return value switch
        {
            0 => false,
            1 => true,
            _ => throw new CodecException(field, at, $"flag value {value} is neither 0 nor 1"),
        };
    }

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(2, field));

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32BigEndian(Take(4, field));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(4, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64BigEndian(Take(8, field));

    public byte[] ReadFixed(int length, string field) => Take(length, field).ToArray();

    public Guid ReadGuid(string field) => new(Take(16, field), bigEndian: true);

    /// <summary>Reads a non-negative int, for versions and generations that are never negative.</summary>
    public int ReadNonNegativeInt32(string field)
    {
        var at = Offset;
        var value = ReadInt32(field);
        if (value < 0)
        {
            throw new CodecException(field, at, $"value {value} is negative");
        }

        return value;
    }

    /// <summary>
    /// Reads a collection count and refuses one larger than the limit or than the bytes left could hold,
    /// before anything is allocated for it.
    /// </summary>
    public int ReadCount(int minimumElementSize, string field)
    {
        var at = Offset;
        var count = ReadUInt32(field);
        if (count > (uint)limits.MaximumCount)
        {
            throw new CodecException(field, at, $"count {count} exceeds the limit of {limits.MaximumCount}");
        }

        if ((long)count * minimumElementSize > Remaining)
        {
            throw new CodecException(
                field,
                at,
                $"count {count} needs at least {(long)count * minimumElementSize} bytes but only {Remaining} remain");
        }

        return (int)count;
    }

    public string ReadString(int maximumBytes, string field)
    {
        var at = Offset;
        return ReadText(ReadUInt32(field + ".length"), at, maximumBytes, field);
    }

    public EndpointAddress ReadEndpoint(string field)
    {
        var at = Offset;
        var host = ReadString(limits.MaximumNameLength, field + ".host");
        if (host.Length == 0)
        {
            throw new CodecException(field + ".host", at, "host is empty");
        }

        var portAt = Offset;
        var port = ReadUInt16(field + ".port");
        if (port == 0)
        {
            throw new CodecException(field + ".port", portAt, "port 0 is not a valid port");
        }

        return new EndpointAddress(host, port);
    }

    /// <summary>An unsigned LEB128 varint of at most 5 bytes (32 bits): the compact gossip encoding's integers.</summary>
    public uint ReadVarUInt32(string field)
    {
        var at = Offset;
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = ReadByte(field);
            if (shift == 28 && b > 0x0F)
            {
                throw new CodecException(field, at, "varint does not fit in 32 bits");
            }

            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new CodecException(field, at, "varint does not fit in 32 bits");
    }

    /// <summary>A varint no larger than <paramref name="maximum"/>: counts, lengths and indexes.</summary>
    public int ReadVarInt32(int maximum, string field)
    {
        var at = Offset;
        var value = ReadVarUInt32(field);
        return value <= (uint)maximum ? (int)value : throw new CodecException(field, at, $"value {value} exceeds the limit of {maximum}");
    }

    /// <summary>A signed value written zig-zag (small magnitudes of either sign in one byte): deltas.</summary>
    public long ReadZigZag(string field)
    {
        var raw = ReadVarUInt32(field);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>A string with a varint byte length, refused above <paramref name="maximumBytes"/>.</summary>
    public string ReadShortString(int maximumBytes, string field)
    {
        var at = Offset;
        return ReadText(ReadVarUInt32(field + ".length"), at, maximumBytes, field);
    }

    public void Skip(int length, string field) => Take(length, field);

    public readonly void ExpectEnd(string messageName)
    {
        if (Remaining != 0)
        {
            throw new CodecException(messageName, Offset, $"{Remaining} unexpected trailing bytes after the message");
        }
    }

    private string ReadText(uint length, int at, int maximumBytes, string field)
    {
        if (length > (uint)maximumBytes)
        {
            throw new CodecException(field, at, $"length {length} exceeds the limit of {maximumBytes} bytes" +
                (maximumBytes == limits.MaximumMessageSize ? " (remote.maximum-message-size)" : string.Empty));
        }

        var bytesAt = Offset;
        var bytes = Take((int)length, field);
        try
        {
            return Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CodecException(field, bytesAt, "bytes are not valid UTF-8");
        }
    }

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (length < 0 || length > Remaining)
        {
            throw new CodecException(field, Offset, $"needs {length} bytes but only {Remaining} remain (truncated)");
        }

        var slice = _data.Slice(Offset, length);
        Offset += length;
        return slice;
    }
}
