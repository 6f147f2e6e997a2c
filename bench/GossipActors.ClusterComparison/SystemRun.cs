using System.Diagnostics;
using System.Globalization;
using GossipActors.ClusterComparison.Measurement;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.ClusterComparison;

/// <summary>
/// One system at one size, phase after phase on one clock: launch and convergence (a, b), the idle window (d), kill -9
/// of the last node (c), then the application-state sets (e) among the survivors (so (e)'s extra GossipActors member
/// does not change (c)). Every node is stopped at the end, whatever happened.
/// </summary>
public sealed class SystemRun
{
    private static readonly TimeSpan ListenPoll = TimeSpan.FromMilliseconds(10);
    private const int TailLines = 20;

    private readonly ISystemUnderTest _system;
    private readonly int _nodes;
    private readonly RunOptions _options;
    private readonly TextWriter _log;
    private long _start = Stopwatch.GetTimestamp();
    private readonly List<string> _notes = [];

    public SystemRun(ISystemUnderTest system, int nodes, RunOptions options, TextWriter log)
    {
        _system = system;
        _nodes = nodes;
        _options = options;
        _log = log;
    }

    public async Task<SystemResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = new SystemResult(_system.Label, _nodes) { DownMeans = _system.DownMeans };
        if (_system.Unavailable() is { } reason)
        {
            await Say($"skipped: {reason}");
            return result with { Skipped = reason };
        }

        return await LaunchAndConvergeAsync(result, async (cluster, converged) =>
        {
            var measured = await IdleAsync(cluster, converged, cancellationToken);
            measured = await KillAsync(cluster, measured, cancellationToken);
            return await AppStateAsync(cluster, measured, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// The pause run instead of the phases (c), (d), (e): launch, converge, then <see cref="PauseTrial"/>. Only for
    /// GossipActors, whose failure detectors it reads.
    /// </summary>
    public async Task<PauseResult> RunPauseAsync(PauseOptions pause, CancellationToken cancellationToken)
    {
        var empty = new PauseResult(_system.Label, _nodes, TimeSpan.Zero, 0, TimeSpan.Zero, [], 0, null, null);
        if (_system is not GossipSystem)
        {
            const string why = "the pause run counts GossipActors' convictions (its nodes' logs and /failuredetector)";
            await Say($"skipped: {why}");
            return empty with { Skipped = why };
        }

        PauseResult? found = null;
        var converged = await LaunchAndConvergeAsync(new SystemResult(_system.Label, _nodes), async (cluster, result) =>
        {
            found = await new PauseTrial((GossipCluster)cluster, pause, Say).RunAsync(_system.Label, cancellationToken);
            return result;
        }, cancellationToken);
        return found is not null && converged.Notes.Count == 0 ? found : (found ?? empty) with { Notes = [.. (found?.Notes ?? []), .. converged.Notes] };
    }

    /// <summary>Launches the nodes, waits for (a) and (b), then runs <paramref name="phases"/> on the converged cluster; stops every node at the end.</summary>
    private async Task<SystemResult> LaunchAndConvergeAsync(
        SystemResult result, Func<IClusterUnderTest, SystemResult, Task<SystemResult>> phases, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(_options.WorkDirectory, string.Create(CultureInfo.InvariantCulture, $"{Slug(_system.Label)}-{_nodes}"));
        Directory.CreateDirectory(directory);
        await Say($"launching {_nodes} nodes (logs in {directory})");
        using var stopListening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _start = Stopwatch.GetTimestamp();
        // Started before the launch so that a node listening within milliseconds (Serf) is still seen doing it.
        var listening = Task.Run(() => WatchListeningAsync(stopListening.Token), CancellationToken.None);
        await using var cluster = _system.Launch(_nodes, directory);
        try
        {
            result = await ConvergeAsync(cluster, result, listening, stopListening, cancellationToken);
            if (result.LaunchToAllUp is null)
            {
                return result with { Notes = _notes };
            }

            result = await phases(cluster, result);
            return result with { Notes = _notes };
        }
        catch (ComparisonException ex)
        {
            await Note(ex.Message);
            return result with { Notes = _notes };
        }
    }

    private async Task<SystemResult> ConvergeAsync(
        IClusterUnderTest cluster,
        SystemResult result,
        Task<Dictionary<int, TimeSpan>> listening,
        CancellationTokenSource stopListening,
        CancellationToken cancellationToken)
    {
        var ids = cluster.Nodes.Select(n => n.Id).ToList();
        var deadline = Now + _options.Timeout;
        var lastCounts = string.Empty;
        while (Now < deadline)
        {
            await FailIfExitedAsync(cluster.Nodes);
            var polledAt = Now;
            var views = await Task.WhenAll(cluster.Nodes.Select(n => cluster.ViewAsync(n, cancellationToken)));
            var counts = string.Join(' ', views.Select(v => v.Error is null ? ids.Count(v.Up.Contains).ToString(CultureInfo.InvariantCulture) : "-"));
            if (counts != lastCounts)
            {
                lastCounts = counts;
                await Say($"nodes see up: {counts}");
            }

            if (views.All(v => v.Error is null && ids.All(v.Up.Contains)))
            {
                await stopListening.CancelAsync();
                var listenedAt = await listening;
                var convergedAt = ObservedAt(views, polledAt, views.Length);
                await Say($"every node sees {_nodes} up (at {Seconds(convergedAt)})");
                var lastUp = LastProcessUp(cluster.Nodes, listenedAt);
                if (lastUp is null)
                {
                    await Note("(b) n/a: not every membership port was seen listening in /proc/net/tcp");
                }
                else
                {
                    await Say($"last node up (membership port listening{(_system.ProtocolStartLine is null ? string.Empty : ", protocol started")}) at {Seconds(lastUp.Value)}");
                }

                if (convergedAt < lastUp)
                {
                    // Serf joins within milliseconds: the join completed before the next look at /proc/net/tcp.
                    await Note($"(b) shown as 0: the join completed within the {ListenPoll.TotalMilliseconds:0} ms resolution of the listen watch");
                    lastUp = convergedAt;
                }

                return result with { LaunchToAllUp = convergedAt, ProcessUpToAllUp = convergedAt - lastUp };
            }

            await Task.Delay(_options.Poll, cancellationToken);
        }

        await stopListening.CancelAsync();
        await listening;
        await Note($"not converged within {_options.Timeout.TotalSeconds:0} s; last counts of members seen up per node: {lastCounts}");
        return result;
    }

    /// <summary>
    /// When the last node was up: its membership port listening and, for a system that says when its protocol starts,
    /// that line printed too; null when a port was never seen listening.
    /// </summary>
    private TimeSpan? LastProcessUp(IReadOnlyList<ClusterNode> nodes, Dictionary<int, TimeSpan> listenedAt)
    {
        var last = TimeSpan.Zero;
        foreach (var node in nodes)
        {
            if (!listenedAt.TryGetValue(node.ListenPort, out var listened))
            {
                // A port the watch missed (a poll skipped under load) still has its ready line to go by.
                listened = TimeSpan.Zero;
                if (_system.ProtocolStartLine is null || node.Process.ReadyAt is null)
                {
                    return null;
                }
            }

            var up = node.Process.ReadyAt is { } ready ? Max(listened, Stopwatch.GetElapsedTime(_start, ready)) : listened;
            last = Max(last, up);
        }

        return last;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>When each TCP port that was not listening before the launch first shows in LISTEN, on the run's clock.</summary>
    private async Task<Dictionary<int, TimeSpan>> WatchListeningAsync(CancellationToken cancellationToken)
    {
        var before = ListeningPorts.Read();
        var seen = new Dictionary<int, TimeSpan>();
        try
        {
            while (true)
            {
                var at = Now;
                foreach (var port in ListeningPorts.Read().Where(p => !before.Contains(p)))
                {
                    seen.TryAdd(port, at);
                }

                await Task.Delay(ListenPoll, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Convergence came first or the run was cancelled: what was seen so far is the answer.
        }

        return seen;
    }

    private async Task<SystemResult> IdleAsync(IClusterUnderTest cluster, SystemResult result, CancellationToken cancellationToken)
    {
        await Say($"settling {_options.Settle.TotalSeconds:0} s, then an idle window of {_options.Idle.TotalSeconds:0} s");
        await Task.Delay(_options.Settle, cancellationToken);
        var (counter, unavailable) = await PortByteCounter.CreateAsync([.. cluster.Nodes.Select(n => n.ListenPort)]);
        if (unavailable is not null)
        {
            await Note($"(d) bytes/s n/a: {unavailable}");
        }

        try
        {
            var cpuBefore = cluster.Nodes.Select(n => ProcessStats.CpuSeconds(n.Process.Pid)).ToList();
            var bytesBefore = counter is null ? 0 : await counter.ReadAsync();
            var windowStart = Now;
            await Task.Delay(_options.Idle, cancellationToken);
            var cpuAfter = cluster.Nodes.Select(n => ProcessStats.CpuSeconds(n.Process.Pid)).ToList();
            var bytesAfter = counter is null ? 0 : await counter.ReadAsync();
            var seconds = (Now - windowStart).TotalSeconds;
            var rss = cluster.Nodes.Select(n => ProcessStats.RssBytes(n.Process.Pid)).ToList();
            await FailIfExitedAsync(cluster.Nodes);
            var cpu = cpuBefore.Zip(cpuAfter, (b, a) => (a - b) / seconds * 100).ToList();
            return result with
            {
                IdleCpuPercent = cpu.All(c => c is not null) ? cpu.Average() : null,
                IdleRssMiB = rss.All(r => r is not null) ? rss.Average(r => r!.Value / 1048576.0) : null,
                IdleBytesPerSecond = counter is null ? null : (bytesAfter - bytesBefore) / seconds / _nodes,
            };
        }
        finally
        {
            if (counter is not null)
            {
                await counter.DisposeAsync();
            }
        }
    }

    private async Task<SystemResult> AppStateAsync(IClusterUnderTest cluster, SystemResult result, CancellationToken cancellationToken)
    {
        if (cluster.AppStateUnsupportedReason is { } reason)
        {
            await Note($"(e) n/a: {reason}");
            return result;
        }

        // The survivors of (c), the setter excepted (it may be node 1 itself).
        var survivors = cluster.Nodes.Where(n => !n.Process.HasExited).ToList();
        if (survivors.Count < 2 || _options.Sets == 0)
        {
            return result;
        }

        var setter = await cluster.AppStateSetterAsync(survivors, cancellationToken);
        var observers = survivors.Where(n => n != setter).ToList();
        await Say($"setting the application state {_options.Sets} times on {setter.Id}; {observers.Count} observers");
        var times = new List<TimeSpan>();
        for (var k = 1; k <= _options.Sets; k++)
        {
            var value = string.Create(CultureInfo.InvariantCulture, $"v{k}");
            var setAt = Now;
            await cluster.SetAppStateAsync(setter, value, cancellationToken);
            var deadline = setAt + _options.Timeout;
            while (true)
            {
                var polledAt = Now;
                var seen = await Task.WhenAll(observers.Select(o => cluster.SeesAppStateAsync(o, setter, value, cancellationToken)));
                if (seen.All(s => s))
                {
                    times.Add(polledAt - setAt);
                    break;
                }

                if (Now > deadline)
                {
                    await Note($"(e) set {k}: not seen by every node within {_options.Timeout.TotalSeconds:0} s");
                    return result;
                }

                await Task.Delay(_options.Poll, cancellationToken);
            }
        }

        times.Sort();
        await Say($"application state seen by all: {string.Join(", ", times.Select(Seconds))}");
        return result with { AppStateP50 = times[(times.Count - 1) / 2], AppStateMax = times[^1] };
    }

    private async Task<SystemResult> KillAsync(IClusterUnderTest cluster, SystemResult result, CancellationToken cancellationToken)
    {
        var delays = KillPlan.Delays(_options.Seed, _nodes, Math.Min(_options.Kills, KillPlan.MostKills(_nodes)));
        var kills = new List<(TimeSpan Delay, TimeSpan? First, TimeSpan? Every)>();
        foreach (var delay in delays)
        {
            // The last node still running: the seeds survive (node 2 of a cluster of two excepted, as before).
            var victim = cluster.Nodes[_nodes - 1 - kills.Count];
            var survivors = cluster.Nodes.Take(_nodes - 1 - kills.Count).ToList();
            await Task.Delay(delay, cancellationToken);
            var (first, every) = await KillOneAsync(cluster, victim, survivors, delay, cancellationToken);
            kills.Add((delay, first, every));
            if (every is null)
            {
                break;
            }
        }

        var firsts = kills.Where(k => k.First is not null).Select(k => k.First!.Value).ToList();
        var everys = kills.Where(k => k.Every is not null).Select(k => k.Every!.Value).ToList();
        if (kills.Count > 1)
        {
            await Say($"{kills.Count} kills: first survivor {string.Join(", ", firsts.Select(Seconds))}; every survivor {string.Join(", ", everys.Select(Seconds))}; medians {Seconds(KillPlan.Median(firsts) ?? TimeSpan.Zero)} / {Seconds(KillPlan.Median(everys) ?? TimeSpan.Zero)}");
        }

        return result with
        {
            Kills = kills,
            DownFirst = KillPlan.Median(firsts),

            // Every kill has to have been seen everywhere for a median of "every survivor" to mean anything.
            DownEvery = everys.Count == kills.Count ? KillPlan.Median(everys) : null,
        };
    }

    private async Task<(TimeSpan? First, TimeSpan? Every)> KillOneAsync(IClusterUnderTest cluster, ClusterNode victim, List<ClusterNode> survivors, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Say($"kill -9 node {victim.Index} ({victim.Id}) after a random delay of {delay.TotalMilliseconds:0} ms");
        var killedAt = Now;
        victim.Process.Kill();
        TimeSpan? first = null;
        var deadline = killedAt + _options.Timeout;
        while (Now < deadline)
        {
            var polledAt = Now;
            var views = await Task.WhenAll(survivors.Select(n => cluster.ViewAsync(n, cancellationToken)));
            var down = views.Count(v => v.Down.Contains(victim.Id));
            if (down > 0 && first is null)
            {
                first = ObservedAt(views.Where(v => v.Down.Contains(victim.Id)).ToArray(), polledAt, 1) - killedAt;
                await Say($"first survivor has it down after {Seconds(first.Value)}");
            }

            if (down == survivors.Count)
            {
                var every = ObservedAt(views, polledAt, views.Length) - killedAt;
                await Say($"every survivor has it down after {Seconds(every)}");
                return (first, every);
            }

            await Task.Delay(_options.Poll, cancellationToken);
        }

        await Note($"(c) node {victim.Index} not down on every survivor within {_options.Timeout.TotalSeconds:0} s");
        return (first, null);
    }

    /// <summary>
    /// When a condition that holds for every view became true: for views built from events, when the event that made
    /// the <paramref name="rank"/>-th of them true arrived (1: the first, all: the last); for polled views, the poll.
    /// </summary>
    private TimeSpan ObservedAt(IReadOnlyList<MemberView> views, TimeSpan polledAt, int rank) =>
        views.All(v => v.ChangedAt is not null)
            ? views.Select(v => Stopwatch.GetElapsedTime(_start, v.ChangedAt!.Value)).Order().ElementAt(rank - 1)
            : polledAt;

    private TimeSpan Now => Stopwatch.GetElapsedTime(_start);

    private async Task FailIfExitedAsync(IReadOnlyList<ClusterNode> nodes)
    {
        if (nodes.FirstOrDefault(n => n.Process.HasExited) is { } exited)
        {
            await Task.Delay(200);
            throw new ComparisonException(
                $"node {exited.Index} exited with code {exited.Process.ExitCode}; last lines of {exited.Process.LogPath}:\n{exited.Process.Tail(TailLines)}");
        }
    }

    private async Task Note(string text)
    {
        _notes.Add(text);
        await Say(text);
    }

    private Task Say(string text) =>
        _log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"[{_system.Label}, N={_nodes}, {Now.TotalSeconds,6:0.0} s] {text}"));

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.00} s");

    private static string Slug(string label) =>
        new([.. label.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')]);
}
