using System.Collections.Concurrent;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// Running GossipActors nodes, observed through each node's admin API (/status, /gossipinfo). The real node process
/// cannot publish an application state while it runs, so (e) starts one more member, an application host
/// (bench/GossipActors.ClusterComparison.GossipAppNode: AddGossipActors with the same arguments, and
/// IGossipCluster.SetApplicationStateAsync on command), and sets the states there.
/// </summary>
public sealed class GossipCluster : IClusterUnderTest
{
    /// <summary>The application state's key, as the app node publishes it.</summary>
    public const string AppStateKey = "bench";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan AppNodeDeadline = TimeSpan.FromSeconds(120);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Dictionary<ClusterNode, AdminApiClient> _admin = [];
    private readonly Func<Action<string>, (ClusterNode Node, string Admin)> _launchAppNode;
    private readonly MembershipLogTimes _membershipTimes;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _acknowledged = new();
    private ClusterNode? _appNode;

    public GossipCluster(
        IReadOnlyList<(ClusterNode Node, string Admin)> nodes, MembershipLogTimes membershipTimes, Func<Action<string>, (ClusterNode Node, string Admin)> launchAppNode)
    {
        _membershipTimes = membershipTimes;
        foreach (var (node, admin) in nodes)
        {
            _admin[node] = new AdminApiClient(_http, admin);
        }

        Nodes = [.. nodes.Select(n => n.Node)];
        _launchAppNode = launchAppNode;
    }

    public IReadOnlyList<ClusterNode> Nodes { get; }

    public string? AppStateUnsupportedReason => null;

    public async Task<MemberView> ViewAsync(ClusterNode node, CancellationToken cancellationToken)
    {
        try
        {
            var status = await _admin[node].GetStatusAsync(cancellationToken);
            var view = new MemberView(
                status.Endpoints.Where(e => e.Status == Liveness.Up).Select(e => e.Address).ToHashSet(StringComparer.OrdinalIgnoreCase),
                status.Endpoints.Where(e => e.Status == Liveness.Down).Select(e => e.Address).ToHashSet(StringComparer.OrdinalIgnoreCase),
                null);
            return view with { ChangedAt = _membershipTimes.ChangedAt(node.Index, view) };
        }
        catch (AdminClientException ex)
        {
            return MemberView.Failed(ex.Message);
        }
    }

    /// <summary>
    /// <paramref name="observer"/>'s failure detector on <paramref name="subjectId"/>: its phi now and its UP/DOWN
    /// transitions in the last 10 minutes; null when the node could not be asked or does not know the subject.
    /// </summary>
    public async Task<(double Phi, int Transitions)?> DetectorOnAsync(ClusterNode observer, string subjectId, CancellationToken cancellationToken)
    {
        try
        {
            var report = await _admin[observer].GetFailureDetectorAsync(cancellationToken);
            return report.Endpoints.FirstOrDefault(e => string.Equals(e.Address, subjectId, StringComparison.OrdinalIgnoreCase)) is { } entry
                ? (entry.Phi, entry.TransitionsLast10Min)
                : null;
        }
        catch (AdminClientException)
        {
            return null;
        }
    }

    public async Task<ClusterNode> AppStateSetterAsync(IReadOnlyList<ClusterNode> observers, CancellationToken cancellationToken)
    {
        var started = Acknowledgement("started");
        var (node, _) = _launchAppNode(line => Acknowledgement(line).TrySetResult());
        _appNode = node;
        await WaitAsync(started.Task, node, "did not report that it started", cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(AppNodeDeadline);
        try
        {
            while (true)
            {
                var views = await Task.WhenAll(observers.Select(o => ViewAsync(o, deadline.Token)));
                if (views.All(v => v.Up.Contains(node.Id)))
                {
                    return node;
                }

                await Task.Delay(Poll, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ComparisonException($"the application node {node.Id} was not seen up by every node within {AppNodeDeadline.TotalSeconds:0} s; log {node.Process.LogPath}");
        }
    }

    public async Task SetAppStateAsync(ClusterNode node, string value, CancellationToken cancellationToken)
    {
        var applied = Acknowledgement($"set {value}");
        await node.Process.SendLineAsync($"set {value}");
        await WaitAsync(applied.Task, node, $"did not confirm 'set {value}'", cancellationToken);
    }

    public async Task<bool> SeesAppStateAsync(ClusterNode observer, ClusterNode setter, string value, CancellationToken cancellationToken)
    {
        try
        {
            var info = await _admin[observer].GetGossipInfoAsync(cancellationToken);
            return info.Endpoints
                .Where(e => string.Equals(e.Address, setter.Id, StringComparison.OrdinalIgnoreCase))
                .SelectMany(e => e.ApplicationStates)
                .Any(s => s.Name == AppStateKey && s.Value == value);
        }
        catch (AdminClientException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        var all = _appNode is null ? Nodes : [.. Nodes, _appNode];
        await Task.WhenAll(all.Select(n => n.Process.StopAsync(TimeSpan.FromSeconds(10))));
        foreach (var node in all)
        {
            node.Process.Dispose();
        }

        _http.Dispose();
    }

    private TaskCompletionSource Acknowledgement(string line) =>
        _acknowledged.GetOrAdd(line, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static async Task WaitAsync(Task acknowledged, ClusterNode node, string what, CancellationToken cancellationToken)
    {
        try
        {
            await acknowledged.WaitAsync(AppNodeDeadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new ComparisonException($"the application node {node.Id} {what} within {AppNodeDeadline.TotalSeconds:0} s; last lines of {node.Process.LogPath}:\n{node.Process.Tail(20)}");
        }
    }
}
