using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>Notes every SYN, ACK and ACK2 that leaves, for the round metrics; everything else is the wrapped transport's.</summary>
internal sealed class MeteredTransport(IGossipTransport inner, RoundMetrics rounds) : IGossipTransport, ISeedTransportDiagnostics
{
    public EndpointAddress LocalAddress => inner.LocalAddress;

    public void Send(EndpointAddress to, IGossipMessage message)
    {
        var time = TimeProvider.System;
        switch (message)
        {
            case GossipDigestSyn:
                rounds.SynSent(to, time.GetTimestamp());
                break;
            case GossipDigestAck:
                rounds.AckSent(to, time.GetTimestamp(), time.TimestampFrequency);
                break;
            case GossipDigestAck2:
                rounds.Ack2Sent(to, time.GetTimestamp(), time.TimestampFrequency);
                break;
        }

        inner.Send(to, message);
    }

    public bool AcceptsDatagrams => inner.AcceptsDatagrams;

    public void SendDatagram(EndpointAddress to, IGossipMessage message) => inner.SendDatagram(to, message);

    public void Forget(EndpointAddress endpoint) => inner.Forget(endpoint);

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => (inner as ISeedTransportDiagnostics)?.Diagnose(local, seed);
}
