using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Messages;

/// <summary>What a node claims to know of one endpoint: enough for the receiver to work out the delta.</summary>
public readonly record struct GossipDigest(EndpointAddress Endpoint, int Generation, int MaxVersion);
