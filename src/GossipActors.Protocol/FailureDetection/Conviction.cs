using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>
/// An endpoint judged down by an evaluation, with the phi that crossed the threshold. <paramref name="ByObserver"/>:
/// judged on direct heartbeats (this node observes it, so the conviction is gossiped), not on the gossip backstop.
/// </summary>
public readonly record struct Conviction(EndpointAddress Endpoint, double Phi, bool ByObserver = false);
