namespace GossipActors.Protocol.Codec;

/// <summary>
/// Sent by the dialer right after its <see cref="Hello"/> (whose layout stays that of protocol 2, so an older listener
/// can still decode it and refuse the version with a reason). <paramref name="Enabled"/> says whether the dialer has a
/// keyring; <paramref name="Nonce"/> is its fresh contribution to the proof both sides then give.
/// </summary>
public sealed record KeyringOffer(bool Enabled, byte[] Nonce) : ControlMessage
{
    public bool Equals(KeyringOffer? other) => other is not null && Enabled == other.Enabled && Nonce.AsSpan().SequenceEqual(other.Nonce);

    public override int GetHashCode() => HashCode.Combine(Enabled, Nonce.Length);
}

/// <summary>
/// The listener's nonce and its proof, made with its primary key over the whole handshake so far: sent after
/// <see cref="HelloAccepted"/> when both sides have a keyring.
/// </summary>
public sealed record KeyringChallenge(byte[] Nonce, byte[] Proof) : ControlMessage
{
    public bool Equals(KeyringChallenge? other) =>
        other is not null && Nonce.AsSpan().SequenceEqual(other.Nonce) && Proof.AsSpan().SequenceEqual(other.Proof);

    public override int GetHashCode() => HashCode.Combine(Nonce.Length, Proof.Length);
}

/// <summary>The dialer's proof, made with its primary key; every message after it is sealed.</summary>
public sealed record KeyringProof(byte[] Proof) : ControlMessage
{
    public bool Equals(KeyringProof? other) => other is not null && Proof.AsSpan().SequenceEqual(other.Proof);

    public override int GetHashCode() => Proof.Length;
}

/// <summary>The listener found the dialer's proof good: the last unsealed message, every one after it is sealed.</summary>
public sealed record KeyringAccepted : ControlMessage;
