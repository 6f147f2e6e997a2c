using System.Text.Json.Serialization;

namespace GossipActors.Hosting.Configuration;

/// <summary>Quotes strings as JSON, which HOCON accepts as quoted strings.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class StringJsonContext : JsonSerializerContext;
