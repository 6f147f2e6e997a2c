using System.Collections.Immutable;
using System.Globalization;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// Refuses an application state that would make this node's endpoint state too large for one message: gossip carries
/// an endpoint's state whole, so such a state would make every ACK and ACK2 that carries it fail, every round, and
/// the states travelling with it would be lost too. Measured with the codec itself, on an ACK2 holding only this
/// node's state, with <see cref="EnvelopeReserve"/> left for what Akka.Remote and the gossip envelope add.
/// </summary>
public static class ApplicationStateSize
{
    /// <summary>Bytes of the message limit kept for the gossip envelope and Akka.Remote's own (addresses, serializer header).</summary>
    public const int EnvelopeReserve = 512;

    // Used before the node knows its own address: as long as any address can be.
    private static readonly EndpointAddress LongestAddress = new(new string('h', 253), 65535);

    private static readonly WireCodec Measurer = new(new CodecLimits { MaximumMessageSize = int.MaxValue });

    /// <summary>Why setting <paramref name="key"/> to <paramref name="value"/> on top of <paramref name="others"/> is refused, or null when it fits.</summary>
    public static string? Refusal(string key, string value, int maximumMessageSize, IEnumerable<KeyValuePair<string, string>>? others = null, EndpointAddress? endpoint = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        var states = ImmutableSortedDictionary.CreateBuilder<string, VersionedValue>(StringComparer.Ordinal);
        foreach (var (otherKey, otherValue) in others ?? [])
        {
            states[otherKey] = new VersionedValue(otherValue, int.MaxValue);
        }

        states[key] = new VersionedValue(value, int.MaxValue);
        var state = new EndpointState(new HeartBeatState(int.MaxValue, int.MaxValue), states.ToImmutable());
        int size;
        try
        {
            size = Measurer.Encode(new GossipDigestAck2(new Dictionary<EndpointAddress, EndpointState> { [endpoint ?? LongestAddress] = state })).Length;
        }
        catch (CodecException unencodable)
        {
            return $"application state '{Shorten(key)}' cannot be gossiped: {unencodable.Message}";
        }

        var budget = maximumMessageSize - EnvelopeReserve;
        return size <= budget
            ? null
            : string.Create(CultureInfo.InvariantCulture,
                $"application state '{Shorten(key)}' ({value.Length} characters) would make this node's state {size} bytes, more than one message carries " +
                $"({MessageSizeSetting.Path} = {maximumMessageSize} bytes, less {EnvelopeReserve} for the envelope); every gossip message carrying it would be dropped");
    }

    private static string Shorten(string key) => key.Length > 60 ? key[..57] + "..." : key;
}
