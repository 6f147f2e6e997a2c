using GossipActors.AdminClient.Contract;

namespace GossipActors.AdminClient.Convergence;

/// <summary>What one node answered on /status, or why it did not answer.</summary>
/// <param name="Address">The node's gossip address.</param>
/// <param name="Status">Its answer, or null when it could not be asked.</param>
/// <param name="Error">Why there is no answer (one line), or null.</param>
public sealed record NodeView(string Address, StatusResponse? Status, string? Error)
{
    public static NodeView Answered(string address, StatusResponse status) => new(address, status, null);

    public static NodeView Failed(string address, string error) => new(address, null, error);
}
