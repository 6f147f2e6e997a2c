using System.Buffers.Binary;
using System.Security.Cryptography;

namespace GossipActors.Protocol.Security;

/// <summary>
/// The integrity trailer every message carries on a keyring connection once the handshake is done: the message (as
/// framed: compressed first, then sealed), its number in this direction (8 bytes), its flags (1 byte: compressed),
/// and a 16-byte tag over all of that. The number lets the receiver refuse a replayed message; the flags byte stops a
/// frame's compressed bit being flipped unnoticed. The tag is AES-GCM's over no plaintext (GMAC), keyed with the
/// direction's session key and with the number as nonce: the number never repeats under one key, and on this
/// hardware GMAC runs at several times HMAC-SHA256's speed, which is most of the keyring's cost on large messages.
/// Authenticated, not encrypted: the message itself is left as it is.
/// </summary>
public static class SealedMessage
{
    public const int TagSize = 16;
    public const int TrailerSize = 8 + 1 + TagSize;

    private const byte CompressedFlag = 1;
    private const int NonceSize = 12;

    /// <summary>Whether this platform's crypto library has AES-GCM, which sealing needs.</summary>
    public static bool IsSupported => AesGcm.IsSupported;

    internal static byte[] Seal(AesGcm aead, ReadOnlySpan<byte> message, long sequence, bool compressed)
    {
        var sealedBytes = new byte[message.Length + TrailerSize];
        message.CopyTo(sealedBytes);
        var trailer = sealedBytes.AsSpan(message.Length);
        BinaryPrimitives.WriteInt64BigEndian(trailer, sequence);
        trailer[8] = compressed ? CompressedFlag : (byte)0;
        Span<byte> nonce = stackalloc byte[NonceSize];
        NonceFor(sequence, nonce);
        aead.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, sealedBytes.AsSpan(sealedBytes.Length - TagSize), sealedBytes.AsSpan(0, sealedBytes.Length - TagSize));
        return sealedBytes;
    }

    /// <summary>Checks the tag and the flags; the message is the first <c>length - TrailerSize</c> bytes.</summary>
    internal static bool TryVerify(AesGcm aead, ReadOnlySpan<byte> sealedBytes, bool compressed, out long sequence, out string? problem)
    {
        sequence = -1;
        if (sealedBytes.Length <= TrailerSize)
        {
            problem = $"a {sealedBytes.Length}-byte message is too short to carry the {TrailerSize}-byte integrity trailer";
            return false;
        }

        var trailer = sealedBytes[^TrailerSize..];
        var claimed = BinaryPrimitives.ReadInt64BigEndian(trailer);
        Span<byte> nonce = stackalloc byte[NonceSize];
        NonceFor(claimed, nonce);
        try
        {
            aead.Decrypt(nonce, ReadOnlySpan<byte>.Empty, sealedBytes[^TagSize..], Span<byte>.Empty, sealedBytes[..^TagSize]);
        }
        catch (AuthenticationTagMismatchException)
        {
            problem = "its integrity tag does not match (tampered, injected, or sealed with another session's key)";
            return false;
        }

        if ((trailer[8] == CompressedFlag) != compressed)
        {
            problem = "its frame's compressed flag differs from the one it was sealed with";
            return false;
        }

        sequence = claimed;
        problem = null;
        return true;
    }

    private static void NonceFor(long sequence, Span<byte> nonce)
    {
        nonce[..4].Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce[4..], sequence);
    }
}

/// <summary>Seals one direction's messages with its session key and the next number. Not thread-safe: the connection calls it under its lock.</summary>
public sealed class MessageSealer : IDisposable
{
    private readonly AesGcm _aead;
    private long _next;

    internal MessageSealer(byte[] key) => _aead = new AesGcm(key, SealedMessage.TagSize);

    /// <summary>The message with its trailer appended (one copy, and the tag: the keyring's cost on the sending side).</summary>
    public byte[] Seal(ReadOnlySpan<byte> message, bool compressed) => SealedMessage.Seal(_aead, message, _next++, compressed);

    public void Dispose() => _aead.Dispose();
}

/// <summary>Checks one direction's sealed messages: the tag, the flags, and that no number arrives twice. Used by the read loop only.</summary>
public sealed class MessageOpener : IDisposable
{
    private readonly AesGcm _aead;
    private readonly SequenceWindow _window = new();

    internal MessageOpener(byte[] key) => _aead = new AesGcm(key, SealedMessage.TagSize);

    /// <summary>The message without its trailer (a slice, no copy), or false with the reason to log.</summary>
    public bool TryOpen(ReadOnlyMemory<byte> sealedBytes, bool compressed, out ReadOnlyMemory<byte> message, out string? problem)
    {
        message = default;
        if (!SealedMessage.TryVerify(_aead, sealedBytes.Span, compressed, out var sequence, out problem) || !_window.TryAccept(sequence, out problem))
        {
            return false;
        }

        message = sealedBytes[..^SealedMessage.TrailerSize];
        return true;
    }

    public void Dispose() => _aead.Dispose();
}
