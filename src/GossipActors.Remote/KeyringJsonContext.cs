using System.Text.Json.Serialization;

namespace GossipActors.Remote;

/// <summary>
/// Reads a keyring file (a JSON array of base64 keys) without reflection, so a trimmed, natively compiled node reads
/// it the same way as one under the JIT.
/// </summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class KeyringJsonContext : JsonSerializerContext;
