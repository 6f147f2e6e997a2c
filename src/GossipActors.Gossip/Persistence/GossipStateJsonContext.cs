using System.Text.Json.Serialization;

namespace GossipActors.Gossip.Persistence;

// Source-generated: no reflection at run time, and the file shape is fixed at compile time.
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PersistedLocalNode))]
[JsonSerializable(typeof(PeerTableFile))]
internal sealed partial class GossipStateJsonContext : JsonSerializerContext;
