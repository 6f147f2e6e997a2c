using System.Globalization;
using System.Security.Cryptography;
using GossipActors.AdminClient;
using GossipActors.Chaos.Checks;
using GossipActors.Chaos.Faults;
using GossipActors.Chaos.Network;
using GossipActors.Chaos.Nodes;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.Chaos;

/// <summary>
/// One run: build the lab, start the nodes and wait for one view, then one loop a second that runs due fault steps,
/// fires due planned faults, polls every running node's /status and judges the answers; after the fault period, wait
/// for one view again, print the figures, stop the nodes cleanly and remove the lab (also when cancelled or failing).
/// </summary>
public sealed class ChaosRun(ChaosOptions options, RunLog log)
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(3);
    private readonly ClusterState _state = new();
    private int _extraFaultsDone;

    /// <summary>0 when every invariant held, 1 when one broke.</summary>
    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        var period = TimeSpan.FromMinutes(options.Minutes);
        Directory.CreateDirectory(options.RunDirectory);
        foreach (var stale in ChaosNetwork.RemoveStale())
        {
            log.Line($"removed stale namespace {stale} (and what ran in it) left by an earlier run");
        }

        var command = await GossipNodeCommand.PrepareAsync(options.NodeLaunch, Console.Out, cancellation);
        // Admin endpoints listen on the nodes' own addresses, so mutations (decommission) need a token.
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        Environment.SetEnvironmentVariable("GOSSIP_ADMIN_TOKEN", token);
        using var http = new HttpClient { Timeout = PollTimeout };
        using var network = ChaosNetwork.Create();
        var launcher = new NodeLauncher(network, command, http, token, options.RunDirectory, _state);
        var checker = new InvariantChecker(_state, log, options.Bound, options.MaxRssBytes);
        var figures = new Figures(_state, log);
        var steps = new Steps();
        var injector = new FaultInjector(_state, launcher, network, steps, figures, checker, log, options.Nodes);
        var plan = FaultPlan.Create(options.Seed, options.Nodes, period).ToList();
        log.Line(F($"seed {options.Seed}: {options.Nodes} nodes, {period.TotalMinutes:0.##} min of faults ({plan.Count} planned), bound {options.Bound.TotalSeconds:0} s; lab router {network.Router}, run dir {options.RunDirectory}"));
        try
        {
            for (var i = 1; i <= options.Nodes; i++)
            {
                launcher.Start(launcher.Create(i), DateTime.UtcNow);
            }

            var formed = await FormAsync(checker, figures, cancellation);
            if (formed)
            {
                await FaultsAsync(plan, period, injector, steps, checker, figures, cancellation);
                await SettleAsync(steps, checker, figures, cancellation);
            }

            var now = DateTime.UtcNow;
            Console.WriteLine();
            Console.WriteLine(FigureTable.Render(figures, _state.Nodes.Values, now, F($"Chaos run: seed {options.Seed}, {options.Nodes} nodes, {period.TotalMinutes:0.##} min of faults, {RunLog.LoadAverage()} at the end")));
            await StopAllAsync(checker);
        }
        finally
        {
            foreach (var node in _state.Nodes.Values)
            {
                node.Process?.Kill();
            }
        }

        if (checker.Violations.Count == 0)
        {
            log.Line("every invariant held");
            return 0;
        }

        log.Line(F($"{checker.Violations.Count} invariant(s) broken:"));
        foreach (var violation in checker.Violations)
        {
            Console.WriteLine("  - " + violation);
        }

        return 1;
    }

    private async Task<bool> FormAsync(InvariantChecker checker, Figures figures, CancellationToken cancellation)
    {
        var started = DateTime.UtcNow;
        while (!cancellation.IsCancellationRequested)
        {
            var observations = await PollAsync(cancellation);
            checker.Check(observations, DateTime.UtcNow);
            if (figures.OneView(observations, [.. observations.Where(o => o.Status is not null)], _ => true))
            {
                log.Line(F($"cluster formed: {options.Nodes} nodes see each other UP ({(DateTime.UtcNow - started).TotalSeconds:0.0} s)"));
                return true;
            }

            if (checker.Violations.Count > 0)
            {
                return false;
            }

            if (DateTime.UtcNow - started > options.Bound + TimeSpan.FromSeconds(30))
            {
                checker.Broken("formation", F($"the cluster did not form: {observations.Count(o => o.Status is not null)} of {options.Nodes} nodes answer, not every pair sees each other UP ({RunLog.LoadAverage()})"));
                return false;
            }

            await Task.Delay(Tick, cancellation);
        }

        return false;
    }

    private async Task FaultsAsync(
        List<PlannedFault> plan, TimeSpan period, FaultInjector injector, Steps steps, InvariantChecker checker, Figures figures, CancellationToken cancellation)
    {
        var faultStart = DateTime.UtcNow;
        var queue = plan.Select(f => (At: faultStart + f.Due, Fault: f)).ToList();
        while (!cancellation.IsCancellationRequested && (DateTime.UtcNow - faultStart < period || steps.Count > 0 || queue.Any(q => q.Fault.Required)))
        {
            var tickStart = DateTime.UtcNow;
            await steps.RunDueAsync(tickStart);
            if (tickStart - faultStart >= period)
            {
                // Past the period only the every-kind-once faults are still done; the extra ones are dropped.
                queue.RemoveAll(q => !q.Fault.Required);
            }

            foreach (var due in queue.Where(q => q.At <= tickStart).ToList())
            {
                queue.Remove(due);
                if (!injector.TryFire(due.Fault, tickStart))
                {
                    queue.Add((tickStart + TimeSpan.FromSeconds(2), due.Fault));
                }
                else if (!due.Fault.Required)
                {
                    _extraFaultsDone++;
                }
            }

            await JudgeAsync(checker, figures, cancellation);
            await WaitForNextTick(tickStart, cancellation);
        }

        var dropped = plan.Count(f => !f.Required) - _extraFaultsDone;
        log.Line(F($"fault period over: {plan.Count - dropped} fault(s) done; {dropped} of the extra ones never found a free node or a quiet network in time"));
    }

    /// <summary>After the last fault: one view again within the bound (the checks report any pair still apart after it).</summary>
    private async Task SettleAsync(Steps steps, InvariantChecker checker, Figures figures, CancellationToken cancellation)
    {
        var lastFault = DateTime.UtcNow;
        log.Line("faults over: waiting for one view");
        while (!cancellation.IsCancellationRequested)
        {
            var tickStart = DateTime.UtcNow;
            await steps.RunDueAsync(tickStart);
            var observations = await JudgeAsync(checker, figures, cancellation);
            if (figures.OneView(observations, [.. observations.Where(o => o.Status is not null)], _ => true) && steps.Count == 0)
            {
                log.Line(F($"one view: every running node UP on every other, {(DateTime.UtcNow - lastFault).TotalSeconds:0.0} s after the fault period"));
                return;
            }

            if (DateTime.UtcNow - lastFault > options.Bound + TimeSpan.FromSeconds(5))
            {
                checker.Broken("settle", F($"no single view {options.Bound.TotalSeconds:0} s after the last fault ({RunLog.LoadAverage()})"));
                return;
            }

            await WaitForNextTick(tickStart, cancellation);
        }
    }

    private async Task<IReadOnlyList<Observation>> JudgeAsync(InvariantChecker checker, Figures figures, CancellationToken cancellation)
    {
        var observations = await PollAsync(cancellation);
        var now = DateTime.UtcNow;
        checker.Check(observations, now);
        figures.Observe(observations, now);
        return observations;
    }

    private async Task<IReadOnlyList<Observation>> PollAsync(CancellationToken cancellation)
    {
        var running = _state.Nodes.Values.Where(n => n.Phase == NodePhase.Running).ToList();
        return await Task.WhenAll(running.Select(async node =>
        {
            try
            {
                return new Observation(node, await node.Admin.GetStatusAsync(cancellation), null);
            }
            catch (AdminClientException ex)
            {
                return new Observation(node, null, ex.Message);
            }
        }));
    }

    private async Task StopAllAsync(InvariantChecker checker)
    {
        var running = _state.Nodes.Values.Where(n => n.Phase is NodePhase.Running or NodePhase.Frozen).ToList();
        foreach (var node in running.Where(n => n.Phase == NodePhase.Frozen))
        {
            node.Process!.Continue();
        }

        await Task.WhenAll(running.Select(n => n.Process!.StopAsync(TimeSpan.FromSeconds(30))));
        foreach (var node in running)
        {
            node.Phase = NodePhase.Down;
            if (node.Process!.ExitCode != 0)
            {
                checker.Broken($"final-stop {node.Index}", $"{node.Name} exited with code {node.Process.ExitCode} on the final SIGTERM, not 0 (log {node.LogPath})");
            }
        }

        log.Line(F($"stopped {running.Count} nodes"));
    }

    private static async Task WaitForNextTick(DateTime tickStart, CancellationToken cancellation)
    {
        var left = Tick - (DateTime.UtcNow - tickStart);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellation);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
