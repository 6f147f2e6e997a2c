using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Security;
using GossipActors.Remote.Connections;

namespace GossipActors.Fuzz;

/// <summary>
/// The handshake as both ends decide it, without a socket: the listener decodes the first message, checks a
/// Hello with <see cref="HandshakePolicy"/> (against a plaintext node and one requiring TLS), encodes the rejection
/// it would send back and writes its log line; the dialer decodes the answer and describes a rejection. Keyring
/// messages go through <see cref="HandshakePolicy.CheckKeyring"/> (with and without a keyring) and a proof check
/// against every key of a one-key keyring.
/// </summary>
public sealed class HandshakeTarget : FuzzTarget
{
    private const string Peer = "192.0.2.1:40000";

    private readonly WireCodec _codec = new(FuzzSettings.Node.CodecLimits);
    private readonly byte[] _transcript = KeyringHandshake.Transcript("hello"u8, "offer"u8, "accepted"u8, "nonce"u8);

    public override string Name => "handshake";

    public override string Covers =>
        "bytes -> WireCodec.Decode -> HandshakePolicy.Check (plaintext and TLS-requiring node) and CheckKeyring (with and without a keyring), " +
        "keyring proofs checked against a keyring -> encoding the HelloRejected reply and HandshakePolicy.Describe on both sides";

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => SeedMessages.Handshakes(_codec);

    protected override void Exercise(ReadOnlySpan<byte> input)
    {
        switch (_codec.Decode(input).Control)
        {
            case Hello hello:
                Listen(hello);
                break;
            case HelloRejected rejected:
                _ = HandshakePolicy.Describe(rejected, Peer, weRejected: false);
                break;
            case KeyringOffer offer:
                foreach (var local in new[] { FuzzSettings.Node, FuzzSettings.NodeWithKeyring })
                {
                    if (HandshakePolicy.CheckKeyring(offer, local) is { } rejection)
                    {
                        Reencode.MustSucceed(rejection, () => _codec.Encode(rejection));
                    }
                }

                break;
            case KeyringChallenge challenge:
                _ = KeyringHandshake.FindKey(FuzzSettings.NodeWithKeyring.Keyring!, HandshakeRole.Listener, _transcript, challenge.Proof);
                break;
            case KeyringProof proof:
                _ = KeyringHandshake.FindKey(FuzzSettings.NodeWithKeyring.Keyring!, HandshakeRole.Dialer, _transcript, proof.Proof);
                break;
        }
    }

    private void Listen(Hello hello)
    {
        foreach (var local in new[] { FuzzSettings.Node, FuzzSettings.NodeRequiringTls })
        {
            if (HandshakePolicy.Check(hello, local) is { } rejection)
            {
                Reencode.MustSucceed(rejection, () => _codec.Encode(rejection));
                _ = HandshakePolicy.Describe(rejection, $"{Peer} ({hello.Sender})", weRejected: true);
            }
        }
    }
}
