using System.Globalization;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using Xunit.Abstractions;

namespace GossipActors.Integration.Tests.Processes;

/// <summary>
/// N node processes on loopback (node 1 is every node's seed) under one temporary directory. Dispose kills every
/// process it started and removes the directory.
/// </summary>
public sealed class LoopbackCluster : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string _root;

    public LoopbackCluster(int count, ITestOutputHelper output, Func<int, string[]>? extraArguments = null)
    {
        _root = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"gossipactors-it-{Environment.ProcessId}-{Guid.NewGuid():N}"));
        var ports = FreePorts.Take(2 * count);
        var seed = string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{ports[0]}");
        Nodes = [.. Enumerable.Range(0, count).Select(i =>
        {
            var data = Path.Combine(_root, string.Create(CultureInfo.InvariantCulture, $"node{i + 1}"));
            Directory.CreateDirectory(data);
            return new LoopbackNode(i + 1, ports[2 * i], ports[(2 * i) + 1], seed, data, _http, output, extraArguments?.Invoke(i + 1) ?? []);
        })];
    }

    /// <summary>
    /// Arguments for the normal (Akka) failure-detector model, which convicts a silent node in about 5 s with the default
    /// direct heartbeats (Cassandra's exponential model on gossip takes 25-40 s): for tests that wait for a conviction, or
    /// watch for one that must not come. It is the default's model too; naming it keeps these tests quick if that changes.
    /// </summary>
    public static IReadOnlyList<string> QuickDetection { get; } = ["--set", "gossip.failure-detector.model=normal"];

    public IReadOnlyList<LoopbackNode> Nodes { get; }

    public IReadOnlyList<string> Members => [.. Nodes.Select(n => n.GossipAddress)];

    public void StartAll()
    {
        foreach (var node in Nodes)
        {
            node.Start();
        }
    }

    /// <summary>Starts every node and fails the test, with who sees whom and the logs, unless all converge within <paramref name="deadline"/>.</summary>
    public async Task StartConvergedAsync(TimeSpan deadline)
    {
        StartAll();
        var notConverged = await WaitForConvergenceAsync(deadline);
        Xunit.Assert.True(notConverged is null, $"{notConverged}\n{Tails()}");
    }

    /// <summary>
    /// Polls the /status of every node (or of <paramref name="among"/> only, when some left) until each sees every
    /// one of them UP; null on success, else who sees whom. Gives up early when one of them exits.
    /// </summary>
    public async Task<string?> WaitForConvergenceAsync(TimeSpan deadline, IReadOnlyList<LoopbackNode>? among = null)
    {
        var nodes = among ?? Nodes;
        IReadOnlyList<string> members = [.. nodes.Select(n => n.GossipAddress)];
        ConvergenceReport? last = null;
        var done = await Deadline.PollAsync(
            deadline,
            async () =>
            {
                last = ClusterConvergence.Evaluate(members, await Task.WhenAll(nodes.Select(n => n.ViewAsync())));
                return last.Converged ? last : null;
            },
            giveUp: () => nodes.Any(n => n.Process?.HasExited == true));
        var exited = nodes.Where(n => n.Process?.HasExited == true).Select(n => $"node {n.Index} exited with {n.Process!.ExitCode}").ToList();
        return done is not null
            ? null
            : $"not converged within {deadline.TotalSeconds:0} s{(exited.Count > 0 ? $" ({string.Join(", ", exited)})" : string.Empty)}; who sees whom:\n{last?.Describe()}";
    }

    /// <summary>SIGKILLs every node at once: a power cut.</summary>
    public void KillAll()
    {
        foreach (var node in Nodes)
        {
            node.Kill();
        }
    }

    /// <summary>SIGTERMs <paramref name="nodes"/> together and waits for each: its exit code, or null when it did not exit in time.</summary>
    public static async Task<IReadOnlyList<int?>> StopAsync(IEnumerable<LoopbackNode> nodes, TimeSpan deadline) =>
        await Task.WhenAll(nodes.Select(n => n.StopAsync(deadline)));

    /// <summary>Polls the observers' /status until each one's entry for <paramref name="member"/> satisfies <paramref name="holds"/>.</summary>
    public async Task<IReadOnlyList<EndpointStatus>?> WaitUntilAllSeeAsync(
        IReadOnlyList<LoopbackNode> observers, string member, Func<EndpointStatus, bool> holds, TimeSpan deadline)
    {
        return await Deadline.PollAsync<IReadOnlyList<EndpointStatus>>(deadline, async () =>
        {
            var views = await Task.WhenAll(observers.Select(o => o.ViewAsync()));
            var entries = views.Select(v => v.Status is null ? null : ClusterConvergence.Find(v.Status, member)).ToList();
            return entries.All(e => e is not null && holds(e)) ? [.. entries.OfType<EndpointStatus>()] : null;
        });
    }

    /// <summary>What each observer says about <paramref name="member"/> right now, one line each.</summary>
    public async Task<string> DescribeAsync(IEnumerable<LoopbackNode> observers, string member)
    {
        var lines = new List<string>();
        foreach (var observer in observers)
        {
            var view = await observer.ViewAsync();
            var entry = view.Status is null ? null : ClusterConvergence.Find(view.Status, member);
            lines.Add($"  {observer.GossipAddress} says about {member}: " +
                      (view.Error ?? (entry is null ? "unknown" : $"{entry.Status} {entry.State} generation {entry.Generation} phi {entry.Phi}")));
        }

        return string.Join('\n', lines);
    }

    public string Tails(int lines = 40) => string.Join('\n', Nodes.Select(n => n.Tails(lines)));

    public void Dispose()
    {
        foreach (var node in Nodes)
        {
            node.Dispose();
        }

        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A log still being written; the temp directory is cleaned by the OS eventually.
        }
    }
}
