using System.Globalization;
using GossipActors.Chaos.Checks;
using GossipActors.Chaos.Network;
using GossipActors.Chaos.Nodes;

namespace GossipActors.Chaos.Faults;

/// <summary>
/// Does what a planned fault says when it is due, prints it (one line, with the time), and schedules its end (restart,
/// SIGCONT, heal). A fault that cannot fire now (no free node, another network fault in force) says so by returning
/// false and is tried again a little later. Process faults leave nodes 1 and 2, the seeds, one of them untouched, keep
/// at most a quarter of the nodes under a process fault at once, and pick a node whose current life has run 10 s.
/// </summary>
public sealed class FaultInjector(
    ClusterState state, NodeLauncher launcher, ChaosNetwork network, Steps steps, Figures figures, InvariantChecker checker, RunLog log, int nodeCount)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LeaveDeadline = TimeSpan.FromSeconds(90);
    private readonly string? _delayUnavailable = network.DelayUnavailableReason();
    private bool _decommissioned;
    private int _nextIndex = nodeCount + 1;

    public bool TryFire(PlannedFault fault, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var random = new Random(fault.Draw);
        return fault.Kind switch
        {
            FaultKind.KillAndRestart => WithProcessTarget(random, seedsAllowed: true, node => KillAndRestart(node, fault.Duration, now)),
            FaultKind.Pause => WithProcessTarget(random, seedsAllowed: true, node => Pause(node, fault.Duration, now)),
            FaultKind.StopAndStart => WithProcessTarget(random, seedsAllowed: true, node => StopAndStart(node, fault.Duration, now)),
            FaultKind.DecommissionAndJoin => _decommissioned || WithProcessTarget(random, seedsAllowed: false, node => DecommissionAndJoin(node, fault.Duration, now)),
            FaultKind.PacketLoss => WithNetworkQuiet(() => LinkFault(new PacketLoss(PickRunning(random), fault.Amount), fault.Duration, now)),
            FaultKind.Delay => _delayUnavailable is not null ? SkipDelay() : WithNetworkQuiet(() => LinkFault(new LinkDelay(PickRunning(random), fault.Amount), fault.Duration, now)),
            FaultKind.Partition => WithNetworkQuiet(() => Partition(random, oneWay: false, fault.Duration, now)),
            FaultKind.OneWayPartition => WithNetworkQuiet(() => Partition(random, oneWay: true, fault.Duration, now)),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault.Kind, null),
        };
    }

    private bool SkipDelay()
    {
        log.Line($"delay on a link: skipped, {_delayUnavailable}");
        return true;
    }

    private bool WithProcessTarget(Random random, bool seedsAllowed, Action<ChaosNode> act)
    {
        var seedFaulted = state.ProcessFaulted.Any(NodeLauncher.IsSeed);
        var free = state.Nodes.Values
            .Where(n => n.Phase == NodePhase.Running && !state.ProcessFaulted.Contains(n.Index) && Settled(n))
            .Where(n => !NodeLauncher.IsSeed(n.Index) || (seedsAllowed && !seedFaulted))
            .ToList();
        if (free.Count == 0 || state.ProcessFaulted.Count >= Math.Max(1, nodeCount / 4))
        {
            return false;
        }

        act(free[random.Next(free.Count)]);
        return true;
    }

    /// <summary>
    /// The node's current life has answered and run a while: a node killed the moment it restarted would give a
    /// detection time of 0 s (its peers never saw it UP again) and tests nothing a longer-lived one does not.
    /// </summary>
    private static bool Settled(ChaosNode node) => node.Generation is not null && DateTime.UtcNow - node.StartedAt > Figures.FaultShadow;

    private bool WithNetworkQuiet(Action act)
    {
        if (state.NetworkFaults.Count > 0)
        {
            return false;
        }

        act();
        return true;
    }

    private int PickRunning(Random random)
    {
        var running = state.Nodes.Values.Where(n => n.Phase == NodePhase.Running).Select(n => n.Index).ToList();
        return running[random.Next(running.Count)];
    }

    private void BeginProcessFault(ChaosNode node, DateTime now)
    {
        state.ProcessFaulted.Add(node.Index);
        state.Touch(node.Index, now);
        figures.FaultStarted([node.Index]);
    }

    private void EndProcessFault(ChaosNode node, DateTime now)
    {
        state.ProcessFaulted.Remove(node.Index);
        state.Touch(node.Index, now);
        figures.FaultEnded([node.Index], now);
    }

    private void KillAndRestart(ChaosNode node, TimeSpan downtime, DateTime now)
    {
        log.Line(F($"kill -9 {node.Name}; restart with the same data dir in {downtime.TotalSeconds:0.0} s"));
        BeginProcessFault(node, now);
        node.Phase = NodePhase.Down;
        node.Process!.Kill();
        node.EndLife(now);
        figures.Killed(node.Index, now);
        steps.At(now + downtime, at =>
        {
            log.Line($"restart {node.Name} after kill -9");
            figures.Restarted(node.Index);
            launcher.Start(node, at);
            EndProcessFault(node, at);
        });
    }

    private void Pause(ChaosNode node, TimeSpan pause, DateTime now)
    {
        log.Line(F($"SIGSTOP {node.Name} for {pause.TotalSeconds:0.0} s"));
        BeginProcessFault(node, now);
        node.Phase = NodePhase.Frozen;
        node.Process!.Freeze();
        steps.At(now + pause, at =>
        {
            log.Line($"SIGCONT {node.Name}");
            node.Process.Continue();
            node.Phase = NodePhase.Running;
            EndProcessFault(node, at);
        });
    }

    private void StopAndStart(ChaosNode node, TimeSpan downtime, DateTime now)
    {
        log.Line(F($"SIGTERM {node.Name} (graceful stop); start again in {downtime.TotalSeconds:0.0} s"));
        BeginProcessFault(node, now);
        node.Phase = NodePhase.Down;
        var process = node.Process!;
        var stopped = process.StopAsync(StopGrace);
        node.EndLife(now);
        steps.At(now + downtime, async at =>
        {
            await stopped;
            if (process.ExitCode != 0)
            {
                checker.Broken($"stop {node.Index} {node.Lives}", $"{node.Name} exited with code {process.ExitCode} on SIGTERM, not 0 (log {node.LogPath})");
            }

            log.Line($"start {node.Name} after its graceful stop");
            launcher.Start(node, DateTime.UtcNow);
            EndProcessFault(node, DateTime.UtcNow);
        });
    }

    private void DecommissionAndJoin(ChaosNode node, TimeSpan joinAfter, DateTime now)
    {
        _decommissioned = true;
        log.Line($"decommission {node.Name} (admin API); a fresh node joins in {joinAfter.TotalSeconds:0.0} s");
        BeginProcessFault(node, now);
        node.Phase = NodePhase.Left;
        var asked = node.Admin.DecommissionAsync(confirm: true);
        steps.At(now + TimeSpan.FromSeconds(1), at => WatchLeaving(node, asked, now, at));
        steps.At(now + joinAfter, at =>
        {
            var fresh = launcher.Create(_nextIndex++);
            log.Line($"fresh node {fresh.Name} joins");
            launcher.Start(fresh, at);
            figures.FaultEnded([fresh.Index], at);
        });
    }

    private async Task WatchLeaving(ChaosNode node, Task asked, DateTime askedAt, DateTime now)
    {
        if (asked.IsFaulted)
        {
            checker.Broken($"decommission {node.Index}", $"decommission of {node.Name} failed: {asked.Exception?.InnerException?.Message}");
        }

        var process = node.Process!;
        if (!process.HasExited)
        {
            if (now - askedAt > LeaveDeadline)
            {
                checker.Broken($"leave {node.Index}", F($"{node.Name} still runs {LeaveDeadline.TotalSeconds:0} s after decommission (log {node.LogPath})"));
                process.Kill();
            }
            else
            {
                steps.At(now + TimeSpan.FromSeconds(1), at => WatchLeaving(node, asked, askedAt, at));
            }

            return;
        }

        await asked.ContinueWith(_ => { }, TaskScheduler.Default);
        node.LeftAt = now;
        node.EndLife(now);
        state.ProcessFaulted.Remove(node.Index);
        log.Line(F($"{node.Name} left (exit code {process.ExitCode}, {(now - askedAt).TotalSeconds:0.0} s after decommission); its data dir must refuse a restart"));
        if (process.ExitCode != 0)
        {
            checker.Broken($"left-exit {node.Index}", $"{node.Name} exited with code {process.ExitCode} after decommission, not 0 (log {node.LogPath})");
        }

        var refused = launcher.StartProcess(node);
        steps.At(now + TimeSpan.FromSeconds(1), at => WatchRefusal(node, refused, at + LeaveDeadline, at));
    }

    private void WatchRefusal(ChaosNode node, ClusterComparison.Systems.ChildProcess attempt, DateTime deadline, DateTime now)
    {
        if (attempt.HasExited)
        {
            if (attempt.ExitCode != 3)
            {
                checker.Broken($"left-restart {node.Index}", $"decommissioned {node.Name} started again on its data dir: exit code {attempt.ExitCode}, not 3 (log {node.LogPath})");
            }
            else
            {
                log.Line($"decommissioned {node.Name} refused to start on its data dir (exit code 3)");
            }

            attempt.Dispose();
        }
        else if (now > deadline)
        {
            checker.Broken($"left-restart {node.Index}", $"decommissioned {node.Name} started again on its data dir and still runs (log {node.LogPath})");
            attempt.Kill();
        }
        else
        {
            steps.At(now + TimeSpan.FromSeconds(1), at => WatchRefusal(node, attempt, deadline, at));
        }
    }

    private void LinkFault(NetworkFault fault, TimeSpan duration, DateTime now)
    {
        var node = state.Nodes[fault.Nodes.Single()];
        log.Line(fault switch
        {
            PacketLoss loss => F($"drop {loss.Percent} % of {node.Name}'s packets (nftables) for {duration.TotalSeconds:0.0} s"),
            LinkDelay delay => F($"delay packets to {node.Name} by {delay.Milliseconds} ms (tc netem) for {duration.TotalSeconds:0.0} s"),
            _ => fault.ToString(),
        });
        state.NetworkFaults.Add(fault);
        Enforce(fault, on: true);
        state.Touch(node.Index, now);
        figures.FaultStarted([node.Index]);
        steps.At(now + duration, at =>
        {
            log.Line($"{node.Name}'s link is clean again");
            state.NetworkFaults.Remove(fault);
            Enforce(fault, on: false);
            state.Touch(node.Index, at);
            figures.FaultEnded([node.Index], at);
        });
    }

    private void Partition(Random random, bool oneWay, TimeSpan duration, DateTime now)
    {
        var members = state.Nodes.Values.Where(n => n.Phase != NodePhase.Left).Select(n => n.Index).OrderBy(_ => random.Next()).ToList();
        var sideA = members.Take(members.Count / 2).Order().ToHashSet();
        var sideB = members.Skip(members.Count / 2).Order().ToHashSet();
        var fault = new Partition(sideA, sideB, oneWay);
        var a = Names(sideA);
        var b = Names(sideB);
        log.Line(oneWay
            ? F($"one-way partition for {duration.TotalSeconds:0.0} s: {{{b}}} do not hear {{{a}}} (packets from {{{a}}} to {{{b}}} dropped); {{{a}}} still hear {{{b}}}")
            : F($"partition for {duration.TotalSeconds:0.0} s: {{{a}}} | {{{b}}}"));
        state.NetworkFaults.Add(fault);
        Enforce(fault, on: true);
        steps.At(now + duration, at =>
        {
            checker.CheckSidesConverged(fault, at);
            log.Line($"heal the {(oneWay ? "one-way " : string.Empty)}partition");
            state.NetworkFaults.Remove(fault);
            Enforce(fault, on: false);
            state.Touch(fault.Nodes, at);
            figures.Healed(at);
            figures.FaultEnded(fault.Nodes.Where(n => state.Nodes[n].Phase == NodePhase.Running), at);
        });
    }

    private void Enforce(NetworkFault fault, bool on)
    {
        if (fault is LinkDelay delay)
        {
            network.SetDelay(delay.Node, on ? delay.Milliseconds : null);
        }
        else
        {
            network.Apply(state.NetworkFaults);
        }
    }

    private string Names(IEnumerable<int> nodes) => string.Join(' ', nodes.Select(n => "n" + n.ToString(CultureInfo.InvariantCulture)));

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
