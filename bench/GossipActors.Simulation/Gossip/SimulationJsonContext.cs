using System.Text.Json.Serialization;

namespace GossipActors.Simulation.Gossip;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SimulationReport))]
internal sealed partial class SimulationJsonContext : JsonSerializerContext;
