using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GossipActors.Protocol.Codec;

namespace GossipActors.Protocol.Security;

/// <summary>Which end of a connection made a proof or sends a direction's messages.</summary>
public enum HandshakeRole
{
    Dialer,
    Listener,
}

/// <summary>
/// The keyring handshake's arithmetic. Each side proves that it holds a key with an HMAC, under its primary key, of a
/// label naming its role and the transcript: both Hellos as encoded (cluster name and identities included) and both
/// nonces. Fresh nonces defeat replay, the role label defeats reflection (a listener's proof sent back is not a
/// dialer's proof), and the checking side tries every key it has installed. Each direction then gets its own session
/// key, derived from its sender's primary key and the transcript, for <see cref="SealedMessage"/>.
/// </summary>
public static class KeyringHandshake
{
    private static readonly byte[] TranscriptLabel = Encoding.ASCII.GetBytes("gossipactors keyring v1 transcript");

    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(WireFormat.KeyringTokenSize);

    /// <summary>SHA-256 over a label and each part with its length in front, so no two different handshakes hash alike.</summary>
    public static byte[] Transcript(ReadOnlySpan<byte> hello, ReadOnlySpan<byte> offer, ReadOnlySpan<byte> accepted, ReadOnlySpan<byte> listenerNonce)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TranscriptLabel);
        Span<byte> length = stackalloc byte[4];
        foreach (var part in new[] { hello.ToArray(), offer.ToArray(), accepted.ToArray(), listenerNonce.ToArray() })
        {
            BinaryPrimitives.WriteInt32BigEndian(length, part.Length);
            hash.AppendData(length);
            hash.AppendData(part);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>This side's proof, with its primary key.</summary>
    public static byte[] Prove(Keyring keyring, HandshakeRole prover, ReadOnlySpan<byte> transcript)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        return Derive(keyring.KeyAt(keyring.PrimaryIndex), "proof", prover, transcript);
    }

    /// <summary>
    /// The index of the installed key the peer's proof was made with, or null when none matches. Every key is tried,
    /// whatever matches first, so the time taken does not tell which one did.
    /// </summary>
    public static int? FindKey(Keyring keyring, HandshakeRole prover, ReadOnlySpan<byte> transcript, ReadOnlySpan<byte> proof)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        int? found = null;
        for (var i = 0; i < keyring.Count; i++)
        {
            var expected = Derive(keyring.KeyAt(i), "proof", prover, transcript);
            if (CryptographicOperations.FixedTimeEquals(expected, proof) && found is null)
            {
                found = i;
            }
        }

        return found;
    }

    /// <summary>Seals what this side sends: the session key of its own direction, from its primary key.</summary>
    public static MessageSealer Sealer(Keyring keyring, HandshakeRole sender, ReadOnlySpan<byte> transcript)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        return new MessageSealer(Derive(keyring.KeyAt(keyring.PrimaryIndex), "session", sender, transcript));
    }

    /// <summary>Opens what the peer sends: the session key of the peer's direction, from the key its proof matched.</summary>
    public static MessageOpener Opener(Keyring keyring, int peerKey, HandshakeRole sender, ReadOnlySpan<byte> transcript)
    {
        ArgumentNullException.ThrowIfNull(keyring);
        return new MessageOpener(Derive(keyring.KeyAt(peerKey), "session", sender, transcript));
    }

    private static byte[] Derive(byte[] key, string purpose, HandshakeRole role, ReadOnlySpan<byte> transcript)
    {
        var label = Encoding.ASCII.GetBytes($"gossipactors keyring v1 {purpose} {(role == HandshakeRole.Dialer ? "dialer" : "listener")}");
        var input = new byte[label.Length + transcript.Length];
        label.CopyTo(input, 0);
        transcript.CopyTo(input.AsSpan(label.Length));
        return HMACSHA256.HashData(key, input);
    }
}
