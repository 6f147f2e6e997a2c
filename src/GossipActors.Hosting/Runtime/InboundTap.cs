using GossipActors.Actors;
using GossipActors.Protocol.Messages;

namespace GossipActors.Hosting.Runtime;

/// <summary>Sits between the TCP transport and the gossiper: notes ACK arrivals for round latency, forwards everything.</summary>
internal sealed class InboundTap : ReceiveActor
{
    public InboundTap(IActorRef gossiper, RoundMetrics rounds)
    {
        var time = Context.System.TimeProvider;
        Receive<GossipEnvelope>(envelope =>
        {
            if (envelope.Message is GossipDigestAck)
            {
                rounds.AckReceived(envelope.From, time.GetTimestamp(), time.TimestampFrequency);
            }

            gossiper.Forward(envelope);
        });
    }
}
