namespace GossipActors.Protocol.Codec;

/// <summary>
/// Upper bounds applied to every length and count read from (or written to) the wire, so a hostile or corrupt
/// peer cannot make us allocate more than one message's worth of memory. The message size is the operator's
/// setting and has no value here; the other bounds are properties of the format.
/// </summary>
public sealed record CodecLimits
{
    /// <summary><c>remote.maximum-message-size</c>: the largest encoded message accepted or produced.</summary>
    public required int MaximumMessageSize { get; init; }

    /// <summary>Host names, cluster names, data-centre names: DNS allows 253 bytes, we allow a little slack.</summary>
    public int MaximumNameLength { get; init; } = 255;

    /// <summary>Application state keys are short identifiers.</summary>
    public int MaximumKeyLength { get; init; } = 1024;

    /// <summary>Human-readable reasons in a handshake reject.</summary>
    public int MaximumReasonLength { get; init; } = 4096;

    /// <summary>Endpoints, digests or application states in one collection.</summary>
    public int MaximumCount { get; init; } = 1_000_000;
}
