using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Model;
using GossipActors.Protocol.Security;
using Xunit;

namespace GossipActors.Protocol.Tests.Security;

/// <summary>The keyring handshake's rules on fixed keys and nonces: who can prove what, and what a proof cannot be reused for.</summary>
public sealed class KeyringHandshakeTests
{
    private static readonly byte[] K1 = Key(1);
    private static readonly byte[] K2 = Key(2);
    private static readonly WireCodec Codec = new(new CodecLimits { MaximumMessageSize = 1024 * 1024 });

    [Fact]
    public void Nodes_with_the_same_key_each_find_the_key_the_other_proved_with()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 7);

        var listenerProof = KeyringHandshake.Prove(ring, HandshakeRole.Listener, transcript);
        var dialerProof = KeyringHandshake.Prove(ring, HandshakeRole.Dialer, transcript);

        Assert.Equal(0, KeyringHandshake.FindKey(ring, HandshakeRole.Listener, transcript, listenerProof));
        Assert.Equal(0, KeyringHandshake.FindKey(ring, HandshakeRole.Dialer, transcript, dialerProof));
        Assert.Equal(WireFormat.KeyringTokenSize, listenerProof.Length);
    }

    [Fact]
    public void A_proof_made_with_another_key_matches_none()
    {
        var transcript = Transcript(nonce: 7);
        var proof = KeyringHandshake.Prove(new Keyring([K2], 0), HandshakeRole.Dialer, transcript);

        Assert.Null(KeyringHandshake.FindKey(new Keyring([K1], 0), HandshakeRole.Dialer, transcript, proof));
    }

    [Fact]
    public void Rotation_works_while_each_primary_is_installed_on_the_other_side_and_not_before()
    {
        var transcript = Transcript(nonce: 9);
        var a = new Keyring([K1, K2], 0);

        // B has only the new key while A still uses the old one: A's proof is refused.
        var early = new Keyring([K2], 0);
        Assert.Null(KeyringHandshake.FindKey(early, HandshakeRole.Dialer, transcript, KeyringHandshake.Prove(a, HandshakeRole.Dialer, transcript)));

        // B has both and already uses the new one: each side finds the other's primary among its installed keys.
        var b = new Keyring([K1, K2], 1);
        Assert.Equal(0, KeyringHandshake.FindKey(b, HandshakeRole.Dialer, transcript, KeyringHandshake.Prove(a, HandshakeRole.Dialer, transcript)));
        Assert.Equal(1, KeyringHandshake.FindKey(a, HandshakeRole.Listener, transcript, KeyringHandshake.Prove(b, HandshakeRole.Listener, transcript)));
    }

    [Fact]
    public void A_listeners_proof_sent_back_as_a_dialers_proof_is_refused()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 3);
        var listenerProof = KeyringHandshake.Prove(ring, HandshakeRole.Listener, transcript);

        Assert.Null(KeyringHandshake.FindKey(ring, HandshakeRole.Dialer, transcript, listenerProof));
    }

    [Fact]
    public void A_proof_recorded_from_one_handshake_fails_in_the_next_whose_nonce_differs()
    {
        var ring = new Keyring([K1], 0);
        var recorded = KeyringHandshake.Prove(ring, HandshakeRole.Dialer, Transcript(nonce: 1));

        Assert.Null(KeyringHandshake.FindKey(ring, HandshakeRole.Dialer, Transcript(nonce: 2), recorded));
    }

    [Fact]
    public void The_transcript_covers_the_hello_so_a_changed_cluster_name_or_sender_breaks_the_proof()
    {
        var ring = new Keyring([K1], 0);
        var proof = KeyringHandshake.Prove(ring, HandshakeRole.Dialer, Transcript(nonce: 1));

        Assert.Null(KeyringHandshake.FindKey(ring, HandshakeRole.Dialer, Transcript(nonce: 1, cluster: "other"), proof));
    }

    [Fact]
    public void Sealed_messages_open_in_their_own_direction_only()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 5);
        var dialerSends = KeyringHandshake.Sealer(ring, HandshakeRole.Dialer, transcript);
        var listenerReads = KeyringHandshake.Opener(ring, 0, HandshakeRole.Dialer, transcript);
        var dialerReads = KeyringHandshake.Opener(ring, 0, HandshakeRole.Listener, transcript);

        var sealedBytes = dialerSends.Seal("hello"u8, compressed: false);

        Assert.True(listenerReads.TryOpen(sealedBytes, compressed: false, out var message, out _));
        Assert.Equal("hello"u8.ToArray(), message.ToArray());
        Assert.False(dialerReads.TryOpen(sealedBytes, compressed: false, out _, out var problem));
        Assert.Contains("integrity tag does not match", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_single_bit_flipped_anywhere_in_a_sealed_message_is_detected()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 5);
        var sealedBytes = KeyringHandshake.Sealer(ring, HandshakeRole.Listener, transcript).Seal("an ACK2 that adds a ghost node"u8, compressed: true);

        for (var bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            var tampered = sealedBytes.ToArray();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            var opener = KeyringHandshake.Opener(ring, 0, HandshakeRole.Listener, transcript);
            Assert.False(opener.TryOpen(tampered, compressed: true, out _, out _), $"bit {bit} flipped went unnoticed");
        }
    }

    [Fact]
    public void A_message_sealed_with_another_sessions_key_is_refused()
    {
        var ring = new Keyring([K1], 0);
        var old = KeyringHandshake.Sealer(ring, HandshakeRole.Dialer, Transcript(nonce: 1)).Seal("recorded"u8, compressed: false);
        var opener = KeyringHandshake.Opener(ring, 0, HandshakeRole.Dialer, Transcript(nonce: 2));

        Assert.False(opener.TryOpen(old, compressed: false, out _, out _));
    }

    [Fact]
    public void A_flipped_compressed_flag_on_the_frame_is_refused()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 5);
        var sealedBytes = KeyringHandshake.Sealer(ring, HandshakeRole.Dialer, transcript).Seal("x"u8, compressed: false);

        Assert.False(KeyringHandshake.Opener(ring, 0, HandshakeRole.Dialer, transcript).TryOpen(sealedBytes, compressed: true, out _, out var problem));
        Assert.Contains("compressed flag", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replayed_message_is_refused_and_interleaved_ones_are_each_accepted_once()
    {
        var ring = new Keyring([K1], 0);
        var transcript = Transcript(nonce: 5);
        var sealer = KeyringHandshake.Sealer(ring, HandshakeRole.Dialer, transcript);
        var opener = KeyringHandshake.Opener(ring, 0, HandshakeRole.Dialer, transcript);
        var sealedMessages = Enumerable.Range(0, 4).Select(i => sealer.Seal([(byte)i], compressed: false)).ToArray();

        // A large message (0) overtaken by small ones (1-3): not an error.
        foreach (var i in new[] { 1, 3, 0, 2 })
        {
            Assert.True(opener.TryOpen(sealedMessages[i], compressed: false, out _, out var problem), problem);
        }

        Assert.False(opener.TryOpen(sealedMessages[2], compressed: false, out _, out var replay));
        Assert.Contains("replayed", replay, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_message_is_refused_without_an_exception()
    {
        var opener = KeyringHandshake.Opener(new Keyring([K1], 0), 0, HandshakeRole.Dialer, Transcript(nonce: 1));

        Assert.False(opener.TryOpen(new byte[SealedMessage.TrailerSize], compressed: false, out _, out var problem));
        Assert.Contains("too short", problem, StringComparison.Ordinal);
    }

    private static byte[] Key(byte seed) => Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + seed)).ToArray();

    private static byte[] Transcript(byte nonce, string cluster = "prod")
    {
        var hello = new Hello(WireFormat.Magic, WireFormat.ProtocolVersion, cluster, new EndpointAddress("10.0.0.1", 7000), Guid.Empty, 1, "dc1", false);
        var offer = new KeyringOffer(true, Enumerable.Repeat((byte)1, WireFormat.KeyringTokenSize).ToArray());
        var accepted = new HelloAccepted(WireFormat.ProtocolVersion, new EndpointAddress("10.0.0.2", 7000), Guid.Empty, 1, "dc1");
        return KeyringHandshake.Transcript(Codec.Encode(hello), Codec.Encode(offer), Codec.Encode(accepted), Enumerable.Repeat(nonce, WireFormat.KeyringTokenSize).ToArray());
    }
}
