using GossipActors.Protocol.Codec;

namespace GossipActors.Fuzz;

/// <summary>
/// Encoding something the node itself built from a peer's message must work: a <see cref="CodecException"/> there
/// is not a refusal of bad input but a message the node cannot send, so it becomes a finding.
/// </summary>
internal static class Reencode
{
    public static void MustSucceed(object what, Action encode)
    {
        try
        {
            encode();
        }
        catch (CodecException error)
        {
            throw new InvalidOperationException($"{what.GetType().Name} built from a peer's message does not encode: {error.Message}", error);
        }
    }
}
