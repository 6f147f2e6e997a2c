namespace GossipActors.AdminClient.Contract;

/// <summary><c>GET /gossipinfo</c>: the raw endpoint states, exactly as gossip holds them.</summary>
public sealed record GossipInfoResponse(IReadOnlyList<EndpointGossipInfo> Endpoints);

/// <param name="Address">Gossip address, HOST:PORT.</param>
/// <param name="Generation">Heartbeat generation.</param>
/// <param name="Heartbeat">Heartbeat version.</param>
/// <param name="ApplicationStates">Every application state, well-known and application-defined.</param>
public sealed record EndpointGossipInfo(
    string Address,
    int Generation,
    int Heartbeat,
    IReadOnlyList<ApplicationStateEntry> ApplicationStates);

/// <summary>One application state as <c>NAME:version:value</c>.</summary>
public sealed record ApplicationStateEntry(string Name, int Version, string Value);
