using System.Buffers;
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

    /// <summary>Where the output buffer starts when the compressed input is small.</summary>
    private const int InitialOutput = 4096;

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

    /// <summary>
    /// The output buffer starts at a few times the compressed size and doubles as output actually arrives, up to the
    /// declared length: the declared length is the sender's word, and a dozen corrupt bytes declaring 16 MiB must
    /// not make this node allocate 16 MiB.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is corrupt, or claims (or decompresses to) more than <paramref name="maximumLength"/> bytes or other than its declared length.</exception>
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

        var source = compressed[4..];
        var output = new byte[(int)Math.Min(length, Math.Max(InitialOutput, 4L * source.Length))];
        var written = 0;
        using var decoder = new BrotliDecoder();
        while (true)
        {
            var status = decoder.Decompress(source, output.AsSpan(written), out var consumed, out var produced);
            source = source[consumed..];
            written += produced;
            switch (status)
            {
                case OperationStatus.Done when written == length && source.IsEmpty:
                    return output;
                case OperationStatus.DestinationTooSmall when output.Length < length:
                    Array.Resize(ref output, (int)Math.Min(length, 2L * output.Length));
                    break;
                case OperationStatus.DestinationTooSmall:
                    throw new InvalidDataException($"compressed message decompresses to more than its declared {length} bytes");
                default:
                    throw new InvalidDataException(
                        $"compressed message does not decompress to its declared {length} bytes ({status} after {written} bytes" +
                        (source.IsEmpty ? ")" : $", {source.Length} compressed bytes left over)"));
            }
        }
    }
}
