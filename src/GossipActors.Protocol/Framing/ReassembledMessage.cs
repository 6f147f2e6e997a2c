namespace GossipActors.Protocol.Framing;

/// <summary>One complete message rebuilt from its frames.</summary>
public sealed record ReassembledMessage(uint StreamId, bool Compressed, byte[] Payload);
