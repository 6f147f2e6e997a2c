using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GossipActors.Protocol.Security;

/// <summary>
/// The integrity trailer every message carries on a keyring connection once the handshake is done: the message (as
/// framed: compressed first, then sealed), its number in this direction (8 bytes), its flags (1 byte: compressed),
/// and the first 16 bytes of an HMAC-SHA256 over all of that with the direction's session key. The number lets the
/// receiver refuse a replayed message; the flags byte stops a frame's compressed bit being flipped unnoticed.
/// </summary>
public static class SealedMessage
{
    public const int TagSize = 16;
    public const int TrailerSize = 8 + 1 + TagSize;

    private const byte CompressedFlag = 1;

    internal static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message, long sequence, bool compressed)
    {
        var sealedBytes = new byte[message.Length + TrailerSize];
        message.CopyTo(sealedBytes);
        var trailer = sealedBytes.AsSpan(message.Length);
        BinaryPrimitives.WriteInt64BigEndian(trailer, sequence);
        trailer[8] = compressed ? CompressedFlag : (byte)0;
        Tag(key, sealedBytes.AsSpan(0, sealedBytes.Length - TagSize), sealedBytes.AsSpan(sealedBytes.Length - TagSize));
        return sealedBytes;
    }

    /// <summary>Checks the tag and the flags; the message is the first <c>length - TrailerSize</c> bytes.</summary>
    internal static bool TryVerify(ReadOnlySpan<byte> key, ReadOnlySpan<byte> sealedBytes, bool compressed, out long sequence, out string? problem)
    {
        sequence = -1;
        if (sealedBytes.Length <= TrailerSize)
        {
            problem = $"a {sealedBytes.Length}-byte message is too short to carry the {TrailerSize}-byte integrity trailer";
            return false;
        }

        Span<byte> expected = stackalloc byte[TagSize];
        Tag(key, sealedBytes[..^TagSize], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, sealedBytes[^TagSize..]))
        {
            problem = "its integrity tag does not match (tampered, injected, or sealed with another session's key)";
            return false;
        }

        var trailer = sealedBytes[^TrailerSize..];
        if ((trailer[8] == CompressedFlag) != compressed)
        {
            problem = "its frame's compressed flag differs from the one it was sealed with";
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64BigEndian(trailer);
        problem = null;
        return true;
    }

    private static void Tag(ReadOnlySpan<byte> key, ReadOnlySpan<byte> covered, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, covered, full);
        full[..TagSize].CopyTo(tag);
    }
}

/// <summary>Seals one direction's messages with its session key and the next number. Not thread-safe: the connection calls it under its lock.</summary>
public sealed class MessageSealer
{
    private readonly byte[] _key;
    private long _next;

    internal MessageSealer(byte[] key) => _key = key;

    /// <summary>The message with its trailer appended (one copy, the cost of the keyring on the sending side).</summary>
    public byte[] Seal(ReadOnlySpan<byte> message, bool compressed) => SealedMessage.Seal(_key, message, _next++, compressed);
}

/// <summary>Checks one direction's sealed messages: the tag, the flags, and that no number arrives twice. Used by the read loop only.</summary>
public sealed class MessageOpener
{
    private readonly byte[] _key;
    private readonly SequenceWindow _window;

    internal MessageOpener(byte[] key)
    {
        _key = key;
        _window = new SequenceWindow();
    }

    /// <summary>The message without its trailer (a slice, no copy), or false with the reason to log.</summary>
    public bool TryOpen(ReadOnlyMemory<byte> sealedBytes, bool compressed, out ReadOnlyMemory<byte> message, out string? problem)
    {
        message = default;
        if (!SealedMessage.TryVerify(_key, sealedBytes.Span, compressed, out var sequence, out problem) || !_window.TryAccept(sequence, out problem))
        {
            return false;
        }

        message = sealedBytes[..^SealedMessage.TrailerSize];
        return true;
    }
}
