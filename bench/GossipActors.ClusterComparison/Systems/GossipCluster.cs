using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>Running GossipActors nodes, observed through each node's admin API (/status).</summary>
public sealed class GossipCluster : IClusterUnderTest
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Dictionary<ClusterNode, AdminApiClient> _admin = [];

    public GossipCluster(IReadOnlyList<(ClusterNode Node, string Admin)> nodes)
    {
        foreach (var (node, admin) in nodes)
        {
            _admin[node] = new AdminApiClient(_http, admin);
        }

        Nodes = [.. nodes.Select(n => n.Node)];
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    // What the harness would need: a POST /app-state admin route (or a stdin command) on the node; see docs/performance.md.
    public string? AppStateUnsupportedReason =>
        "the node process cannot set an application state while it runs (--app-state is read at start, the admin API has no route for it)";

    public async Task<MemberView> ViewAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        try
        {
            var status = await _admin[node].GetStatusAsync(cancellationToken);
            return new MemberView(
                status.Endpoints.Where(e => e.Status == Liveness.Up).Select(e => e.Address).ToHashSet(StringComparer.OrdinalIgnoreCase),
                status.Endpoints.Where(e => e.Status == Liveness.Down).Select(e => e.Address).ToHashSet(StringComparer.OrdinalIgnoreCase),
                null);
        }
        catch (AdminClientException ex)
        {
            return MemberView.Failed(ex.Message);
        }
    }

    public Task SetAppStateAsync(ClusterNode node, string value, CancellationToken cancellationToken) =>
        throw new NotSupportedException(AppStateUnsupportedReason);

    public Task<bool> SeesAppStateAsync(ClusterNode observer, ClusterNode setter, string value, CancellationToken cancellationToken) =>
        throw new NotSupportedException(AppStateUnsupportedReason);

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Nodes.Select(n => n.Process.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var node in Nodes)
        {
            node.Process.Dispose();
        }

        _http.Dispose();
    }
}
