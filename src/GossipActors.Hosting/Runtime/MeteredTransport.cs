using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Hosting.Runtime;

/// <summary>Notes every SYN that leaves, for the round metrics; everything else is the wrapped transport's.</summary>
internal sealed class MeteredTransport(IGossipTransport inner, RoundMetrics rounds) : IGossipTransport, ISeedTransportDiagnostics
{
    public EndpointAddress LocalAddress => inner.LocalAddress;

    public void Send(EndpointAddress to, IGossipMessage message)
    {
        if (message is GossipDigestSyn)
        {
            rounds.SynSent(to, TimeProvider.System.GetTimestamp());
        }

        inner.Send(to, message);
    }

    public void Forget(EndpointAddress endpoint) => inner.Forget(endpoint);

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) => (inner as ISeedTransportDiagnostics)?.Diagnose(local, seed);
}
