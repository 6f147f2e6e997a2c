using System.Buffers.Binary;
using System.IO.Compression;

namespace GossipActors.Remote.Connections;

/// <summary>
/// Brotli at its fastest setting, with the uncompressed length in front so the receiver can check it against
/// the message size limit before allocating. Small messages and ones that do not shrink are sent as they are.
/// </summary>
public static class MessageCompressor
{
    public const int MinimumLength = 512;
    private const int Quality = 1;
    private const int Window = 22;

    /// <summary>The compressed form, or null when it would not be smaller.</summary>
    public static byte[]? TryCompress(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < MinimumLength)
        {
            return null;
        }

        var output = new byte[4 + BrotliEncoder.GetMaxCompressedLength(payload.Length)];
        BinaryPrimitives.WriteInt32BigEndian(output, payload.Length);
        if (!BrotliEncoder.TryCompress(payload, output.AsSpan(4), out var written, Quality, Window) || written + 4 >= payload.Length)
        {
            return null;
        }

        return output[..(4 + written)];
    }

    /// <exception cref="InvalidDataException">The data is corrupt or claims more than <paramref name="maximumLength"/> bytes.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> compressed, int maximumLength)
    {
        if (compressed.Length < 4)
        {
            throw new InvalidDataException($"compressed message of {compressed.Length} bytes has no length prefix");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(compressed);
        if (length <= 0 || length > maximumLength)
        {
            throw new InvalidDataException($"compressed message declares {length} bytes, outside 1-{maximumLength} (remote.maximum-message-size)");
        }

        var output = new byte[length];
        if (!BrotliDecoder.TryDecompress(compressed[4..], output, out var written) || written != length)
        {
            throw new InvalidDataException($"compressed message does not decompress to its declared {length} bytes");
        }

        return output;
    }
}
