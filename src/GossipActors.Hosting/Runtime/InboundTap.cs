using GossipActors.Actors;
using GossipActors.Protocol.Messages;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Sits between the TCP transport (kernel) and the gossiper (Akka): notes ACK arrivals for round latency and hands
/// every envelope to <c>deliver</c>, which tells the Akka gossiper; the two kernels share no actor reference type.
/// </summary>
internal sealed class InboundTap : ReceiveActor
{
    public InboundTap(Action<GossipEnvelope> deliver, RoundMetrics rounds)
    {
        var time = Context.System.TimeProvider;
        Receive<GossipEnvelope>(envelope =>
        {
            if (envelope.Message is GossipDigestAck)
            {
                rounds.AckReceived(envelope.From, time.GetTimestamp(), time.TimestampFrequency);
            }

            deliver(envelope);
        });
    }
}
