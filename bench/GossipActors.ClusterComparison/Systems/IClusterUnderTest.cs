namespace GossipActors.ClusterComparison.Systems;

/// <summary>A running cluster of one system, as the harness drives and observes it.</summary>
public interface IClusterUnderTest : IAsyncDisposable
{
    IReadOnlyList<ClusterNode> Nodes { get; }

    /// <summary>Null when the system can publish an application state; otherwise why (e) is n/a for it.</summary>
    string? AppStateUnsupportedReason { get; }

    /// <summary>The node's current view of the membership.</summary>
    Task<MemberView> ViewAsync(ClusterNode node, CancellationToken cancellationToken);

    /// <summary>
    /// The node the application states are set on, ready: node 1 where the node process can publish one itself; for
    /// GossipActors an application host started for the purpose, once every observer sees it up.
    /// </summary>
    Task<ClusterNode> AppStateSetterAsync(IReadOnlyList<ClusterNode> observers, CancellationToken cancellationToken);

    /// <summary>Publishes <paramref name="value"/> as the bench's application state on <paramref name="node"/>.</summary>
    Task SetAppStateAsync(ClusterNode node, string value, CancellationToken cancellationToken);

    /// <summary>True once <paramref name="observer"/> holds the value last set on <paramref name="setter"/>.</summary>
    Task<bool> SeesAppStateAsync(ClusterNode observer, ClusterNode setter, string value, CancellationToken cancellationToken);
}
