using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GossipActors.Protocol.Security;

/// <summary>
/// A node's shared cluster keys, as Serf's keyring: a peer's proof is accepted when it was made with any installed
/// key, and this node proves and seals with its primary key only. Rotation is therefore install everywhere, then
/// make primary everywhere, then remove the old key, and every pair of nodes shares a key at each step. The key
/// bytes never leave this class except into an HMAC; logs and errors name a key by its <see cref="Fingerprint"/>.
/// </summary>
public sealed class Keyring
{
    /// <summary>The key lengths accepted: those of Serf's keys (AES-128, -192, -256), so a Serf keyring carries over.</summary>
    public static readonly IReadOnlyList<int> KeySizes = [16, 24, 32];

    private static readonly byte[] FingerprintLabel = Encoding.ASCII.GetBytes("gossipactors keyring fingerprint v1");

    private readonly byte[][] _keys;

    /// <param name="keys">The installed keys; <paramref name="primary"/> indexes the one this node uses.</param>
    /// <exception cref="ArgumentException">No keys, a key of another length than 16, 24 or 32 bytes, a key twice, or the primary out of range.</exception>
    public Keyring(IReadOnlyList<byte[]> keys, int primary)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("a keyring needs at least one key", nameof(keys));
        }

        for (var i = 0; i < keys.Count; i++)
        {
            if (!KeySizes.Contains(keys[i].Length))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"key {i + 1} is {keys[i].Length} bytes; a key is 16, 24 or 32 bytes"), nameof(keys));
            }

            for (var j = 0; j < i; j++)
            {
                if (keys[j].AsSpan().SequenceEqual(keys[i]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"keys {j + 1} and {i + 1} are the same key ({Fingerprint(keys[i])})"), nameof(keys));
                }
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(primary);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(primary, keys.Count);
        _keys = [.. keys.Select(k => k.ToArray())];
        PrimaryIndex = primary;
        Fingerprints = [.. _keys.Select(k => Fingerprint(k))];
    }

    public int Count => _keys.Length;

    public int PrimaryIndex { get; }

    /// <summary>Each key's fingerprint, in keyring order: what logs show instead of a key.</summary>
    public IReadOnlyList<string> Fingerprints { get; }

    public string PrimaryFingerprint => Fingerprints[PrimaryIndex];

    /// <summary>
    /// 16 hex digits of a labelled SHA-256 of the key: enough to tell keys apart in a log and compare two nodes'
    /// keyrings, and useless for recovering the key.
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<byte> key)
    {
        Span<byte> input = stackalloc byte[FingerprintLabel.Length + key.Length];
        FingerprintLabel.CopyTo(input);
        key.CopyTo(input[FingerprintLabel.Length..]);
        return Convert.ToHexStringLower(SHA256.HashData(input)[..8]);
    }

    /// <summary>"2 keys: 1a2b… (primary), 3c4d…": the keyring as a log may show it.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Count} key{(Count == 1 ? string.Empty : "s")}: ") +
        string.Join(", ", Fingerprints.Select((f, i) => i == PrimaryIndex ? f + " (primary)" : f));

    internal byte[] KeyAt(int index) => _keys[index];
}
