using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.FailureDetection;

/// <summary>An endpoint judged down by an evaluation, with the phi that crossed the threshold.</summary>
public readonly record struct Conviction(EndpointAddress Endpoint, double Phi);
