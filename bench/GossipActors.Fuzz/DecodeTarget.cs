using GossipActors.Protocol.Codec;

namespace GossipActors.Fuzz;

/// <summary>
/// One reassembled message as the connection reads it: the payload header first, else the gossip or control
/// message decoder. Whatever decodes must encode again, because a node relays the endpoint states it received
/// in its own ACKs: a decoded message the encoder refuses would break gossip for everyone downstream.
/// </summary>
public sealed class DecodeTarget : FuzzTarget
{
    private readonly WireCodec _codec = new(FuzzSettings.Node.CodecLimits);

    public override string Name => "decode";

    public override string Covers =>
        "WireCodec.TryReadPayloadHeader and WireCodec.Decode of every gossip and control message, then re-encoding what decoded";

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => SeedMessages.Encoded(_codec);

    protected override void Exercise(ReadOnlySpan<byte> input)
    {
        if (WireCodec.TryReadPayloadHeader(input, out _))
        {
            return;
        }

        var decoded = _codec.Decode(input);
        Reencode.MustSucceed(decoded.Value, () =>
        {
            _ = decoded.Gossip is { } gossip ? _codec.Encode(gossip) : _codec.Encode(decoded.Control!);
        });
    }
}
