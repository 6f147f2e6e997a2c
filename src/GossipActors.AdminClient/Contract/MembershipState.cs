using System.Text.Json.Serialization;

namespace GossipActors.AdminClient.Contract;

/// <summary>
/// The endpoint's membership state, read from its STATUS application state. Independent of
/// <see cref="Liveness"/>: a NORMAL node can be DOWN (crashed) and a LEAVING node can be UP.
/// </summary>
public enum MembershipState
{
    [JsonStringEnumMemberName("NORMAL")]
    Normal,

    [JsonStringEnumMemberName("LEAVING")]
    Leaving,

    [JsonStringEnumMemberName("LEFT")]
    Left,

    [JsonStringEnumMemberName("JOINING")]
    Joining,

    [JsonStringEnumMemberName("MOVING")]
    Moving,

    [JsonStringEnumMemberName("SHUTDOWN")]
    Shutdown,
}
