namespace GossipActors.ClusterComparison.Systems;

/// <summary>What one node says about the membership at one moment: who it has up, who it has down.</summary>
/// <param name="Up">Member ids (HOST:PORT) the node has up, itself included.</param>
/// <param name="Down">Member ids it has down (or its system's equivalent: unreachable, failed).</param>
/// <param name="Error">Why the node could not be asked, or null.</param>
/// <param name="ChangedAt">
/// Stopwatch timestamp of the event that last changed this view, when the node reports events as they happen (Akka,
/// Serf); null when the view was polled (GossipActors' /status), whose time is when the harness asked.
/// </param>
public sealed record MemberView(IReadOnlySet<string> Up, IReadOnlySet<string> Down, string? Error, long? ChangedAt = null)
{
    public static MemberView Failed(string error) => new(new HashSet<string>(), new HashSet<string>(), error);
}
