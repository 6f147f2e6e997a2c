using GossipActors.AdminClient.Contract;
using GossipActors.Chaos.Nodes;

namespace GossipActors.Chaos.Checks;

/// <summary>One node's answer to one poll of its admin endpoint (GET /status), or why it gave none.</summary>
public sealed record Observation(ChaosNode Node, StatusResponse? Status, string? Error)
{
    /// <summary>The observer's entry for <paramref name="address"/>, or null when it does not know it.</summary>
    public EndpointStatus? EntryFor(string address) => Status?.Endpoints.FirstOrDefault(e => e.Address == address);

    public bool SeesUp(string address) => EntryFor(address)?.Status == Liveness.Up;
}
