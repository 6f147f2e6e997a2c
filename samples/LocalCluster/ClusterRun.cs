using System.Diagnostics;
using System.Globalization;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Convergence;
using GossipActors.AdminClient.Rendering;

namespace LocalCluster;

/// <summary>
/// Starts the nodes, follows them through /status until every node sees every other UP, prints
/// the status table, optionally kills one and times its detection, and always stops what it started.
/// </summary>
public sealed class ClusterRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private const int TailLines = 30;

    private readonly LocalClusterOptions _options;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly List<NodeProcess> _nodes = [];
    private readonly Stopwatch _clock = new();

    public ClusterRun(LocalClusterOptions options, TextWriter output, TextWriter error)
    {
        _options = options;
        _out = output;
        _err = error;
    }

    /// <summary>Runs until done (or cancelled by Ctrl-C) and returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            var nodeDll = await NodeLocator.LocateAsync(_options.NodeDll, _out, cancellationToken);
            var ports = NodePorts.Allocate(_options.Nodes, _options.BasePort);
            var workDirectory = Path.Combine(
                Path.GetTempPath(),
                string.Create(CultureInfo.InvariantCulture, $"gossipactors-local-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}"));
            Directory.CreateDirectory(workDirectory);

            await _out.WriteLineAsync($"node:      {nodeDll}");
            await _out.WriteLineAsync($"data/logs: {workDirectory} (node<i>/ and node<i>.log)");
            var dotnet = NodeLocator.DotnetHost();
            _clock.Start();
            for (var i = 0; i < ports.Count; i++)
            {
                var node = NodeProcess.Start(dotnet, nodeDll, i + 1, ports[i], ports[0].Gossip, _options.ClusterName, workDirectory);
                _nodes.Add(node);
                await _out.WriteLineAsync($"started {node.Name}, admin {node.AdminAddress}{(i == 0 ? ", seed" : string.Empty)}, log {node.LogPath}");
            }

            // The nodes inherit this environment, so a GOSSIP_ADMIN_TOKEN set here is the token they require.
            var token = Environment.GetEnvironmentVariable(AdminAuthentication.TokenEnvironmentVariable);
            var clients = _nodes.ToDictionary(n => n, n => new AdminApiClient(http, n.AdminAddress, token));
            var members = _nodes.Select(n => n.GossipAddress).ToList();
            var converged = await WaitForConvergenceAsync(clients, members, cancellationToken);
            if (converged is null)
            {
                return 1;
            }

            await _out.WriteLineAsync();
            await _out.WriteAsync(StatusRenderer.Render(converged));
            await _out.WriteLineAsync();
            await _out.WriteLineAsync(Stamp($"all {_nodes.Count} nodes see each other UP"));

            if (_options.KillOne && !await KillOneAsync(clients, cancellationToken))
            {
                return 1;
            }

            if (_options.ExitWhenConverged)
            {
                return 0;
            }

            await _out.WriteLineAsync($"cluster running; inspect it with: dotnet run --project src/GossipActors.Cli -- status --admin {_nodes[0].AdminAddress}");
            await _out.WriteLineAsync("press Ctrl-C to stop every node");
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _out.WriteLineAsync();
            await _out.WriteLineAsync("stopping (Ctrl-C or SIGTERM)");
            return 0;
        }
        catch (LocalClusterException ex)
        {
            await _err.WriteLineAsync($"LocalCluster: {ex.Message}");
            return 1;
        }
        finally
        {
            await StopAllAsync();
        }
    }

    private async Task<GossipActors.AdminClient.Contract.StatusResponse?> WaitForConvergenceAsync(
        Dictionary<NodeProcess, AdminApiClient> clients,
        IReadOnlyList<string> members,
        CancellationToken cancellationToken)
    {
        var deadline = _clock.Elapsed + _options.Timeout;
        var lastSeen = new Dictionary<NodeProcess, string>();
        ConvergenceReport? report = null;
        while (_clock.Elapsed < deadline)
        {
            if (await ExitedNodeAsync() is not null)
            {
                return null;
            }

            var views = await PollAsync(clients, cancellationToken);
            report = ClusterConvergence.Evaluate(members, views.Values);
            foreach (var sight in report.Nodes)
            {
                var node = _nodes.First(n => n.GossipAddress == sight.Address);
                var summary = sight.Error is not null
                    ? "admin endpoint not answering yet"
                    : $"sees {sight.SeesUp.Count}/{members.Count} UP";
                if (!lastSeen.TryGetValue(node, out var previous) || previous != summary)
                {
                    lastSeen[node] = summary;
                    await _out.WriteLineAsync(Stamp($"{node.Name}: {summary}"));
                }
            }

            if (report.Converged)
            {
                return views[_nodes[0]].Status;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        await _err.WriteLineAsync(
            $"LocalCluster: not converged within {_options.Timeout.TotalSeconds:0} s (--timeout); who sees whom:");
        await _err.WriteAsync(report?.Describe() ?? string.Empty);
        foreach (var node in _nodes.Where(n => report?.Nodes.FirstOrDefault(s => s.Address == n.GossipAddress)?.SeesEveryone != true))
        {
            await _err.WriteLineAsync($"last {TailLines} lines of {node.Name}'s log {node.LogPath}:");
            await _err.WriteLineAsync(node.Tail(TailLines));
        }

        return null;
    }

    private async Task<bool> KillOneAsync(Dictionary<NodeProcess, AdminApiClient> clients, CancellationToken cancellationToken)
    {
        // The last node: never the seed, so the survivors keep their seed.
        var victim = _nodes[^1];
        var survivors = _nodes.Where(n => n != victim).ToList();
        if (survivors.Count == 0)
        {
            await _err.WriteLineAsync("LocalCluster: --kill-one needs at least 2 nodes: nobody would be left to notice");
            return false;
        }

        await _out.WriteLineAsync(Stamp($"SIGKILL {victim.Name}"));
        var killedAt = Stopwatch.StartNew();
        victim.Kill();
        var deadline = killedAt.Elapsed + _options.Timeout;
        var survivorClients = survivors.ToDictionary(n => n, n => clients[n]);
        var lastCount = -1;
        while (killedAt.Elapsed < deadline)
        {
            var views = await PollAsync(survivorClients, cancellationToken);
            var seeingDown = views.Values.Count(v => v.Status is not null && ClusterConvergence.SeesDown(v.Status, victim.GossipAddress));
            if (seeingDown == survivors.Count)
            {
                await _out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"node {victim.GossipAddress} DOWN on all survivors after {killedAt.Elapsed.TotalSeconds:0.00} s"));
                return true;
            }

            if (seeingDown != lastCount)
            {
                lastCount = seeingDown;
                await _out.WriteLineAsync(Stamp($"{seeingDown}/{survivors.Count} survivors see {victim.GossipAddress} DOWN"));
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        await _err.WriteLineAsync(
            $"LocalCluster: {victim.GossipAddress} was not seen DOWN by every survivor within {_options.Timeout.TotalSeconds:0} s");
        var last = await PollAsync(survivorClients, cancellationToken);
        foreach (var (node, view) in last)
        {
            var entry = view.Status is null ? null : ClusterConvergence.Find(view.Status, victim.GossipAddress);
            var says = view.Error ?? (entry is null ? "does not know it" : $"reports {entry.Code}, phi {(entry.Phi is { } phi ? Phi.Format(phi) : "-")}");
            await _err.WriteLineAsync($"  {node.Name}: {says}");
        }

        return false;
    }

    private async Task<Dictionary<NodeProcess, NodeView>> PollAsync(Dictionary<NodeProcess, AdminApiClient> clients, CancellationToken cancellationToken)
    {
        var polls = clients.Select(async pair =>
        {
            try
            {
                return (pair.Key, NodeView.Answered(pair.Key.GossipAddress, await pair.Value.GetStatusAsync(cancellationToken)));
            }
            catch (AdminClientException ex)
            {
                return (pair.Key, NodeView.Failed(pair.Key.GossipAddress, ex.Message));
            }
        });
        var results = await Task.WhenAll(polls);
        return results.ToDictionary(r => r.Key, r => r.Item2);
    }

    private async Task<NodeProcess?> ExitedNodeAsync()
    {
        var exited = _nodes.FirstOrDefault(n => n.HasExited);
        if (exited is null)
        {
            return null;
        }

        // HasExited can be true before the last lines the node wrote were read from its pipes; waiting for
        // the exit also waits for those readers, so the tail below is complete.
        await exited.WaitForExitAsync(TimeSpan.FromSeconds(5));
        await _err.WriteLineAsync(Stamp($"LocalCluster: {exited.Name} exited with code {exited.ExitCode} before the cluster converged"));
        await _err.WriteLineAsync($"last {TailLines} lines of {exited.LogPath}:");
        await _err.WriteLineAsync(exited.Tail(TailLines));
        return exited;
    }

    private async Task StopAllAsync()
    {
        if (_nodes.Count == 0)
        {
            return;
        }

        var running = _nodes.Where(n => !n.HasExited).ToList();
        foreach (var node in running)
        {
            if (!node.RequestStop())
            {
                node.Kill();
            }
        }

        var stopped = await Task.WhenAll(running.Select(n => n.WaitForExitAsync(StopGrace)));
        var killed = 0;
        for (var i = 0; i < running.Count; i++)
        {
            if (!stopped[i])
            {
                running[i].Kill();
                await running[i].WaitForExitAsync(StopGrace);
                killed++;
            }
        }

        await _out.WriteLineAsync(killed == 0
            ? $"stopped {running.Count} node process(es)"
            : $"stopped {running.Count} node process(es); {killed} ignored SIGTERM for {StopGrace.TotalSeconds:0} s and were killed");
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _nodes.Clear();
    }

    private string Stamp(string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {text}");
}
