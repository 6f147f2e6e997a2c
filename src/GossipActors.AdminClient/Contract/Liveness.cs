using System.Text.Json.Serialization;

namespace GossipActors.AdminClient.Contract;

/// <summary>Whether the reporting node currently considers the endpoint reachable (echo-verified UP).</summary>
public enum Liveness
{
    [JsonStringEnumMemberName("UP")]
    Up,

    [JsonStringEnumMemberName("DOWN")]
    Down,
}
