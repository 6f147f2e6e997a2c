namespace GossipActors.AdminClient.Convergence;

/// <summary>One node's view of the expected members: whom it sees UP, and what it says about the rest.</summary>
/// <param name="Address">The observing node.</param>
/// <param name="SeesUp">Expected members it reports UP (itself included when listed).</param>
/// <param name="Missing">Expected members it does not report UP, each with what it reports instead ("DOWN", "unknown").</param>
/// <param name="Error">Why the node could not be asked, or null.</param>
public sealed record NodeSight(string Address, IReadOnlyList<string> SeesUp, IReadOnlyList<string> Missing, string? Error)
{
    public bool SeesEveryone => Error is null && Missing.Count == 0;
}
