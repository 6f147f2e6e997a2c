using System.Text;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// A deterministic estimate of a message's size on the wire, until the real codec exists. Layout
/// assumed (all lengths little-endian, strings UTF-8 with a 2-byte length, counts 4 bytes):
/// frame = 4 (length) + 1 (type) + body; address = 2 + host + 2 (port); digest = address + 4 + 4;
/// state = address + 8 (heartbeat) + 2 (count) + per application state (2 + key) + (2 + value) + 4 (version);
/// SYN = (2 + cluster name) + 4 + digests; ACK = 4 + requests + 4 + states; ACK2 = 4 + states;
/// shutdown = address + 4; echo and reply = 8.
/// </summary>
public static class GossipMessageSizeModel
{
    public const int FrameHeader = 5;

    public static int Estimate(IGossipMessage message) => FrameHeader + message switch
    {
        GossipDigestSyn syn => StringSize(syn.ClusterName) + 4 + DigestsSize(syn.Digests),
        GossipDigestAck ack => 4 + DigestsSize(ack.Requests) + 4 + StatesSize(ack.States),
        GossipDigestAck2 ack2 => 4 + StatesSize(ack2.States),
        GossipShutdown shutdown => AddressSize(shutdown.Endpoint) + 4,
        Echo or EchoReply => 8,
        GossipHeartbeat or GossipWatch => 4,
        _ => 0,
    };

    public static int AddressSize(EndpointAddress address) => 2 + Ascii(address.Host) + 2;

    private static int DigestsSize(IReadOnlyList<GossipDigest> digests)
    {
        var size = 0;
        for (var i = 0; i < digests.Count; i++)
        {
            size += AddressSize(digests[i].Endpoint) + 8;
        }

        return size;
    }

    private static int StatesSize(IReadOnlyDictionary<EndpointAddress, EndpointState> states)
    {
        var size = 0;
        if (states is EndpointStateList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                size += StateSize(list[i].Key, list[i].Value);
            }

            return size;
        }

        foreach (var (endpoint, state) in states)
        {
            size += StateSize(endpoint, state);
        }

        return size;
    }

    private static int StateSize(EndpointAddress endpoint, EndpointState state)
    {
        var size = AddressSize(endpoint) + 8 + 2;
        foreach (var (key, value) in state.ApplicationStates)
        {
            size += StringSize(key) + StringSize(value.Value) + 4;
        }

        return size;
    }

    private static int StringSize(string text) => 2 + Encoding.UTF8.GetByteCount(text);

    // Hosts are addresses or DNS names: ASCII in practice, so the length is the byte count.
    private static int Ascii(string host) => host.Length;
}
