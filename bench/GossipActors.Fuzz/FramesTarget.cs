using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Framing;
using GossipActors.Remote.Connections;

namespace GossipActors.Fuzz;

/// <summary>
/// A connection's byte stream: the first input byte picks the size of the reads (1-255 bytes, 0 for one read of
/// everything) so frame headers straddle reads as they do on TCP; the rest is fed to a
/// <see cref="FrameReassembler"/>, and every message it completes goes on as the connection takes it: decompressed
/// when flagged, then the payload header or the decoder.
/// </summary>
public sealed class FramesTarget : FuzzTarget
{
    private readonly WireCodec _codec = new(FuzzSettings.SmallFrames.CodecLimits);
    private readonly List<ReassembledMessage> _completed = [];

    public override string Name => "frames";

    public override string Covers =>
        "FrameReassembler.Feed over arbitrary read sizes, then MessageCompressor.Decompress, WireCodec.TryReadPayloadHeader and WireCodec.Decode of each completed message";

    public override IEnumerable<(string Name, byte[] Bytes)> Seeds() => SeedMessages.Framed(_codec, FuzzSettings.SmallFrames.Mtu);

    protected override void Exercise(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var readSize = input[0] == 0 ? int.MaxValue : input[0];
        var stream = input[1..];
        var reassembler = new FrameReassembler(FuzzSettings.SmallFrames.MaximumMessageSize, FuzzSettings.SmallFrames.ReassemblyBufferLimit);
        while (!stream.IsEmpty)
        {
            var read = stream[..Math.Min(readSize, stream.Length)];
            stream = stream[read.Length..];
            _completed.Clear();
            reassembler.Feed(read, _completed);

            foreach (var message in _completed)
            {
                Receive(message);
            }
        }
    }

    private void Receive(ReassembledMessage message)
    {
        var bytes = message.Payload;
        if (message.Compressed)
        {
            bytes = MessageCompressor.Decompress(bytes, FuzzSettings.SmallFrames.MaximumMessageSize);
            BytesProduced += bytes.Length;
        }

        if (!WireCodec.TryReadPayloadHeader(bytes, out _))
        {
            _codec.Decode(bytes);
        }
    }
}
