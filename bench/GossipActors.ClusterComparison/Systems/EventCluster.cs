namespace GossipActors.ClusterComparison.Systems;

/// <summary>A running cluster whose nodes print their membership events (Akka.Cluster, Serf); views are read from them.</summary>
public sealed class EventCluster : IClusterUnderTest
{
    private readonly EventDrivenViews _views;
    private readonly List<string> _errors;
    private readonly Func<ClusterNode, string, CancellationToken, Task>? _setter;
    private readonly Dictionary<ClusterNode, int> _updatesBeforeSet = [];

    public EventCluster(
        IReadOnlyList<ClusterNode> nodes,
        EventDrivenViews views,
        List<string> errors,
        string? appStateUnsupportedReason,
        Func<ClusterNode, string, CancellationToken, Task>? setter)
    {
        Nodes = nodes;
        _views = views;
        _errors = errors;
        AppStateUnsupportedReason = appStateUnsupportedReason;
        _setter = setter;
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public string? AppStateUnsupportedReason { get; }

    public Task<MemberView> ViewAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        lock (_errors)
        {
            // A malformed event line means the views cannot be trusted: say so instead of timing a wrong view.
            if (_errors.Count > 0)
            {
                return Task.FromResult(MemberView.Failed(_errors[0]));
            }
        }

        return Task.FromResult(_views.ViewOf(node.Index));
    }

    public Task<ClusterNode> AppStateSetterAsync(IReadOnlyList<ClusterNode> observers, CancellationToken cancellationToken) =>
        _setter is null ? throw new NotSupportedException(AppStateUnsupportedReason) : Task.FromResult(Nodes[0]);

    public async Task SetAppStateAsync(ClusterNode node, string value, CancellationToken cancellationToken)
    {
        if (_setter is null)
        {
            throw new NotSupportedException(AppStateUnsupportedReason);
        }

        // Updates are counted per observer; the value counts as seen once an observer counts one more than now.
        foreach (var observer in Nodes)
        {
            _updatesBeforeSet[observer] = _views.Updates(observer.Index, node.Id);
        }

        await _setter(node, value, cancellationToken);
    }

    public Task<bool> SeesAppStateAsync(ClusterNode observer, ClusterNode setter, string value, CancellationToken cancellationToken) =>
        Task.FromResult(_views.Updates(observer.Index, setter.Id) > _updatesBeforeSet.GetValueOrDefault(observer));

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.Process.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var node in Nodes)
        {
            node.Process.Dispose();
        }
    }
}
