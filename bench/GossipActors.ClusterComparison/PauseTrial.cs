using System.Diagnostics;
using System.Globalization;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.ClusterComparison;

/// <summary>
/// The pause run on a converged GossipActors cluster: the last node (never a seed) is frozen with SIGSTOP for
/// <see cref="PauseOptions.Pause"/> and resumed with SIGCONT, every <see cref="PauseOptions.Period"/>, until the run's
/// <see cref="PauseOptions.Duration"/> is over. Nobody may be convicted: not the stopped node by its peers, not its
/// peers by the stopped node after it resumes, not anyone else. Convictions are counted from every node's log (each is
/// logged, however briefly it lasted), and the stopped node's UP/DOWN transitions from every observer's /failuredetector
/// at the end; observers' phi of the stopped node is read during each stop and for a few seconds after it.
/// </summary>
public sealed class PauseTrial
{
    private static readonly TimeSpan PhiPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AfterResume = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan PhiReadTimeout = TimeSpan.FromSeconds(1);

    private readonly GossipCluster _cluster;
    private readonly PauseOptions _options;
    private readonly Func<string, Task> _say;

    public PauseTrial(GossipCluster cluster, PauseOptions options, Func<string, Task> say)
    {
        _cluster = cluster;
        _options = options;
        _say = say;
    }

    public async Task<PauseResult> RunAsync(string label, CancellationToken cancellationToken)
    {
        var nodes = _cluster.Nodes;
        var stopped = nodes[^1];
        var observers = nodes.Take(nodes.Count - 1).ToList();
        var before = nodes.ToDictionary(n => n, n => n.Process.LogLines().Count);
        var schedule = PauseSchedule.Stops(_options.Duration, _options.Period, _options.Pause);
        var notes = new List<string>();
        await _say(string.Create(CultureInfo.InvariantCulture,
            $"pause run: node {stopped.Index} ({stopped.Id}) stopped {_options.Pause.TotalSeconds:0.#} s at {string.Join(", ", schedule.Select(s => $"{s.TotalSeconds:0} s"))} of {_options.Duration.TotalSeconds:0} s"));

        var clock = Stopwatch.StartNew();
        double? maxPhi = null;
        var longest = TimeSpan.Zero;
        foreach (var at in schedule)
        {
            await WaitUntil(clock, at, cancellationToken);
            FailIfExited(nodes);
            stopped.Process.Freeze();
            var frozenAt = clock.Elapsed;
            // SIGCONT on its own timer: the phi readings (HTTP to 15 nodes) may overrun, the stop must not.
            var resumed = ContinueAfterAsync(stopped, _options.Pause, clock, cancellationToken);
            await _say(string.Create(CultureInfo.InvariantCulture, $"SIGSTOP node {stopped.Index}"));
            var during = await MaxPhiUntil(clock, frozenAt + _options.Pause, observers, stopped, cancellationToken);
            var pause = await resumed - frozenAt;
            longest = pause > longest ? pause : longest;
            var after = await MaxPhiUntil(clock, clock.Elapsed + AfterResume, observers, stopped, cancellationToken);
            var peak = Max(during, after);
            maxPhi = Max(maxPhi, peak);
            await _say(string.Create(CultureInfo.InvariantCulture,
                $"SIGCONT node {stopped.Index} after {pause.TotalSeconds:0.00} s; highest phi of it among {observers.Count} observers: {(peak is { } p ? p.ToString("0.00", CultureInfo.InvariantCulture) : "n/a")}; convictions so far: {Convictions(before).Count}"));
        }

        await WaitUntil(clock, _options.Duration, cancellationToken);
        FailIfExited(nodes);
        var transitions = await Task.WhenAll(observers.Select(o => _cluster.DetectorOnAsync(o, stopped.Id, cancellationToken)));
        if (transitions.Any(t => t is null))
        {
            notes.Add($"{transitions.Count(t => t is null)} observers' /failuredetector could not be read at the end");
        }

        var convictions = Convictions(before);
        var ofStopped = convictions.Count(c => c.Endpoint.Equals(stopped.Id, StringComparison.OrdinalIgnoreCase));
        var result = new PauseResult(
            label,
            nodes.Count,
            clock.Elapsed,
            schedule.Count,
            longest,
            [.. convictions.Select(c => string.Create(CultureInfo.InvariantCulture, $"node {c.Observer} convicted {c.Endpoint} (phi {c.Phi:0.00})"))],
            ofStopped,
            transitions.All(t => t is not null) ? transitions.Sum(t => t!.Value.Transitions) : null,
            maxPhi)
        { Notes = notes };
        await _say($"convictions logged by the {nodes.Count} nodes during the run: {result.Convictions.Count} ({ofStopped} of the stopped node); its UP/DOWN transitions in the observers' /failuredetector: {result.Transitions?.ToString(CultureInfo.InvariantCulture) ?? "n/a"}");
        foreach (var conviction in result.Convictions)
        {
            await _say($"  {conviction}");
        }

        return result;
    }

    /// <summary>Sends SIGCONT <paramref name="pause"/> after now, whatever else is running; returns when it was sent.</summary>
    private static async Task<TimeSpan> ContinueAfterAsync(ClusterNode node, TimeSpan pause, Stopwatch clock, CancellationToken cancellationToken)
    {
        await Task.Delay(pause, cancellationToken);
        node.Process.Continue();
        return clock.Elapsed;
    }

    private List<(int Observer, string Endpoint, double Phi)> Convictions(Dictionary<ClusterNode, int> linesBefore)
    {
        var found = new List<(int, string, double)>();
        foreach (var (node, skip) in linesBefore)
        {
            foreach (var line in node.Process.LogLines().Skip(skip))
            {
                if (ConvictionLogLine.TryParse(line, out var endpoint, out var phi))
                {
                    found.Add((node.Index, endpoint, phi));
                }
            }
        }

        return found;
    }

    private async Task<double?> MaxPhiUntil(Stopwatch clock, TimeSpan until, IReadOnlyList<ClusterNode> observers, ClusterNode subject, CancellationToken cancellationToken)
    {
        double? max = null;
        while (clock.Elapsed < until)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(PhiReadTimeout);
            var readings = await Task.WhenAll(observers.Select(o => ReadPhiAsync(o, subject, deadline.Token)));
            foreach (var reading in readings)
            {
                max = Max(max, reading?.Phi);
            }

            var left = until - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left < PhiPoll ? left : PhiPoll, cancellationToken);
            }
        }

        return max;
    }

    private async Task<(double Phi, int Transitions)?> ReadPhiAsync(ClusterNode observer, ClusterNode subject, CancellationToken cancellationToken)
    {
        try
        {
            return await _cluster.DetectorOnAsync(observer, subject.Id, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task WaitUntil(Stopwatch clock, TimeSpan at, CancellationToken cancellationToken)
    {
        var left = at - clock.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }
    }

    private static void FailIfExited(IReadOnlyList<ClusterNode> nodes)
    {
        if (nodes.FirstOrDefault(n => n.Process.HasExited) is { } exited)
        {
            throw new ComparisonException($"node {exited.Index} exited with code {exited.Process.ExitCode} during the pause run; see {exited.Process.LogPath}");
        }
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
