using System.Text.Json;
using System.Text.Json.Serialization;

namespace GossipActors.AdminClient.Contract;

/// <summary>
/// Source-generated serialization for the whole contract (trim/AOT-safe, no reflection). camelCase
/// names, enums as their upper-case contract strings, and Infinity/NaN allowed as JSON strings
/// because a long-dead peer's phi really is infinite.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    WriteIndented = false)]
[JsonSerializable(typeof(StatusResponse))]
[JsonSerializable(typeof(GossipInfoResponse))]
[JsonSerializable(typeof(FailureDetectorResponse))]
[JsonSerializable(typeof(DescribeClusterResponse))]
[JsonSerializable(typeof(TpStatsResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(EventsResponse))]
[JsonSerializable(typeof(InfoResponse))]
[JsonSerializable(typeof(HistogramsResponse))]
[JsonSerializable(typeof(SetPhiRequest))]
[JsonSerializable(typeof(SetPhiResponse))]
[JsonSerializable(typeof(AssassinateRequest))]
[JsonSerializable(typeof(AssassinateResponse))]
[JsonSerializable(typeof(DecommissionRequest))]
[JsonSerializable(typeof(DecommissionResponse))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(Checks.CheckReport))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
