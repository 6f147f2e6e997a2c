using GossipActors.Gossip.Cluster;
using GossipActors.Gossip.Transport;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Simulation;

/// <summary>
/// N nodes, each a real <see cref="GossipNodeCore"/> with its own <see cref="FailureDetectorCore"/>, on a
/// <see cref="SimulatedNetwork"/> with the heavy-tailed <see cref="LatencyMixture"/> and seeded loss.
/// Wired as the actor tree wires them (Gossiper and FailureDetectorActor): every output's heartbeat
/// arrivals are reported to the node's detector, a Removed endpoint is forgotten by it, the detector is
/// evaluated on its own timer (<c>gossip.failure-detector.evaluation-interval</c>) and every conviction goes back into the core with
/// <see cref="GossipNodeCore.Convict"/> (every recovery with <see cref="GossipNodeCore.Recovered"/>). With <c>heartbeats = direct</c>
/// each node also runs <see cref="HeartbeatDuty"/> on its own heartbeat timer (its <see cref="ObserverRing"/> says whom it sends
/// to and whom it observes), and a delivered heartbeat that <see cref="ObserverRing.TryTake"/> accepts is reported with
/// <see cref="FailureDetectorCore.ReportDirect"/>. Gossip ticks, heartbeats and evaluations run at independent random
/// phases; heartbeats cross the same lossy, heavy-tailed network as gossip.
/// </summary>
/// <remarks>
/// A stalled node (GC-like) does nothing: no gossip round, no evaluation, no message handled. What
/// reaches it meanwhile waits in its inbox, as in a paused process's socket buffers; when the stall
/// ends it handles the inbox in arrival order, then runs the overdue gossip round and the overdue
/// evaluation (one each, as a periodic timer coalesces missed fires). The stage probe of the actor tree
/// is not modelled: the simulated gossip stage handles every message at once, so the backlog passed to
/// <see cref="FailureDetectorCore.Evaluate"/> is 0. Not thread-safe; one cluster per thread.
/// </remarks>
public sealed class FailureDetectingCluster
{
    public const long StartMs = 1_700_000_000_000;

    private readonly SimNode[] _nodes;
    private readonly SimulatedNetwork _network;
    private readonly long _intervalMs;
    private readonly long _evaluationMs;
    private readonly bool _atCrossings;
    private readonly long? _heartbeatMs;

    /// <param name="settings">Every node's settings, bound like a node's so the detector and the rounds share one interval; their seeds are replaced by the first <paramref name="seedCount"/> nodes.</param>
    /// <param name="datagrams">Whether nodes take heartbeats as datagrams (<c>remote.heartbeat-datagrams</c>); <see cref="DropDatagrams"/> then models a path that drops UDP.</param>
    public FailureDetectingCluster(int nodeCount, int seedCount, GossipNodeSettings settings, double lossProbability, Random random, bool datagrams = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        _network = new SimulatedNetwork(
            new SimulatedNetworkOptions
            {
                LossProbability = lossProbability,
                LatencySampler = r => Latency.Record(LatencyMixture.SampleMs(r)),
                TrackLinks = false,
            },
            new Random(random.Next()),
            StartMs);
        var gossipSettings = settings.ToGossipSettings() with { Seeds = Enumerable.Range(0, seedCount).Select(AddressOf).ToList() };
        var detectorSettings = settings.FailureDetector;
        _intervalMs = gossipSettings.IntervalMs;
        _evaluationMs = (long)detectorSettings.EvaluationInterval.TotalMilliseconds;
        _atCrossings = detectorSettings.EvaluateAtCrossings;
        _heartbeatMs = detectorSettings.Heartbeats == HeartbeatSource.Direct ? (long)detectorSettings.HeartbeatInterval.TotalMilliseconds : null;
        var generation = Generation.Next(null, StartMs);
        _nodes = new SimNode[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            var options = new GossipNodeOptions
            {
                LocalEndpoint = AddressOf(i),
                HostId = new Guid(i + 1, 0, 0, new byte[8]),
                Generation = generation,
                Settings = gossipSettings,
            };
            var core = new GossipNodeCore(options, new Random(random.Next()), _network);
            _nodes[i] = new SimNode(
                i,
                core,
                new FailureDetectorCore(detectorSettings),
                new ObserverRing(core, detectorSettings.Observers, (long)detectorSettings.HeartbeatInterval.TotalMilliseconds, datagrams),
                random.Next((int)_intervalMs),
                random.Next((int)_evaluationMs),
                random.Next((int)(_heartbeatMs ?? 1)));
        }

        // Everyone starts at t = 0 knowing only the seeds; start-up is part of what is measured.
        foreach (var node in _nodes)
        {
            _network.Attach(node.Address, envelope => OnDelivered(node, envelope));
            Dispatch(node, node.Core.Start(_network.NowMs, skipShadowRound: true));
            _network.Schedule(StartMs + node.TickPhaseMs, () => OnTick(node));
            if (_atCrossings)
            {
                ArmEvaluation(node, StartMs + node.EvaluationPhaseMs);
            }
            else
            {
                _network.Schedule(StartMs + node.EvaluationPhaseMs, () => OnEvaluate(node));
            }

            if (_heartbeatMs is not null)
            {
                _network.Schedule(StartMs + node.HeartbeatPhaseMs, () => OnHeartbeat(node));
            }
        }
    }

    /// <summary>Every delay the network applied (lost messages included: their delay is drawn too).</summary>
    public LatencyStatistics Latency { get; } = new();

    public long MessagesSent => _network.TotalMessagesSent;

    /// <summary>When set, every datagram is lost, as on a path whose firewall drops UDP; messages on the stream still pass.</summary>
    public bool DropDatagrams { get; set; }

    /// <summary>Datagrams sent (heartbeats and watches), dropped ones included.</summary>
    public long DatagramsSent { get; private set; }

    public long MessagesLost => _nodes.Sum(node => _network.NodeTraffic(node.Address).LostToLoss);

    /// <summary>Milliseconds since the cluster started.</summary>
    public long ElapsedMs => _network.NowMs - StartMs;

    /// <summary>Called for each membership event of each node, with the node's index.</summary>
    public Action<int, MembershipEvent>? MembershipChanged { get; set; }

    /// <summary>Called after each evaluation with (observer, evaluation, elapsed ms).</summary>
    public Action<int, FailureDetectorEvaluation, long>? Evaluated { get; set; }

    public static EndpointAddress AddressOf(int index) => SimulatedGossipCluster.AddressOf(index);

    public FailureDetectorCore DetectorOf(int index) => _nodes[index].Detector;

    public GossipNodeCore CoreOf(int index) => _nodes[index].Core;

    public ObserverRing RingOf(int index) => _nodes[index].Ring;

    /// <summary>Whether node <paramref name="observer"/> holds <paramref name="endpoint"/> DOWN now (its own judgement or a gossiped claim).</summary>
    public bool SeesDown(int observer, int endpoint) => CoreOf(observer).LivenessOf(AddressOf(endpoint)) == LivenessStatus.Down;

    /// <summary>Cuts the network into groups of node indexes that reach only each other, until <see cref="Heal"/>.</summary>
    public void Partition(params IReadOnlyCollection<int>[] groups) =>
        _network.Partition([.. groups.Select(group => (IReadOnlyCollection<EndpointAddress>)[.. group.Select(AddressOf)])]);

    /// <summary>What the <paramref name="unheard"/> nodes send to the <paramref name="deaf"/> ones is lost, until <see cref="Heal"/>.</summary>
    public void PartitionOneWay(IReadOnlyCollection<int> deaf, IReadOnlyCollection<int> unheard) =>
        _network.PartitionOneWay([.. deaf.Select(AddressOf)], [.. unheard.Select(AddressOf)]);

    public void Heal() => _network.Heal();

    public void RunUntil(long elapsedMs) => _network.RunUntil(StartMs + elapsedMs);

    /// <summary>The node dies without a word: it stops listening, ticking and evaluating.</summary>
    public void Crash(int index)
    {
        _nodes[index].Crashed = true;
        _network.Detach(_nodes[index].Address);
    }

    public void Stall(int index, long fromElapsedMs, long durationMs)
    {
        var node = _nodes[index];
        _network.Schedule(StartMs + fromElapsedMs, () =>
        {
            node.StalledUntilMs = _network.NowMs + durationMs;
            _network.Schedule(node.StalledUntilMs, () => Resume(node));
        });
    }

    private bool IsStalled(SimNode node) => _network.NowMs < node.StalledUntilMs;

    private void OnDelivered(SimNode node, GossipEnvelope envelope)
    {
        if (node.Crashed)
        {
            return;
        }

        if (IsStalled(node))
        {
            node.Inbox.Enqueue(envelope);
            return;
        }

        Handle(node, envelope);
    }

    private void Handle(SimNode node, GossipEnvelope envelope)
    {
        if (node.Ring.TryTake(envelope, _network.NowMs, out var directArrival))
        {
            if (directArrival)
            {
                node.Detector.ReportDirect(envelope.From, _network.NowMs);
                RearmEvaluation(node);
            }

            return;
        }

        Dispatch(node, node.Core.Receive(envelope, _network.NowMs));
    }

    private void OnHeartbeat(SimNode node)
    {
        if (node.Crashed)
        {
            return;
        }

        _network.Schedule(_network.NowMs + _heartbeatMs!.Value, () => OnHeartbeat(node));
        if (IsStalled(node))
        {
            node.HeartbeatOverdue = true;
            return;
        }

        SendHeartbeats(node);
    }

    private void SendHeartbeats(SimNode node)
    {
        var duty = HeartbeatDuty.Run(node.Core, node.Ring, _network.NowMs);
        node.Detector.KeepDirectOnly(duty.Observed, _network.NowMs);
        RearmEvaluation(node);
        Dispatch(node, duty.Claims);
        foreach (var (to, message, asDatagram) in duty.Sends())
        {
            var envelope = new GossipEnvelope(node.Address, to, message);
            if (asDatagram)
            {
                SendDatagram(envelope);
            }
            else
            {
                _network.Send(envelope);
            }
        }
    }

    private void SendDatagram(GossipEnvelope envelope)
    {
        DatagramsSent++;
        if (!DropDatagrams)
        {
            _network.Send(envelope);
        }
    }

    private void OnTick(SimNode node)
    {
        if (node.Crashed)
        {
            return;
        }

        _network.Schedule(_network.NowMs + _intervalMs, () => OnTick(node));
        if (IsStalled(node))
        {
            node.TickOverdue = true;
            return;
        }

        Dispatch(node, node.Core.Tick(_network.NowMs));
    }

    private void OnEvaluate(SimNode node)
    {
        if (node.Crashed)
        {
            return;
        }

        _network.Schedule(_network.NowMs + _evaluationMs, () => OnEvaluate(node));
        if (IsStalled(node))
        {
            node.EvaluationOverdue = true;
            return;
        }

        Evaluate(node);
    }

    /// <summary>
    /// With <see cref="FailureDetectorSettings.EvaluateAtCrossings"/>, as the detector actor does: one evaluation armed for
    /// when the core says something can happen; an earlier due time arms a new one and the old one is ignored.
    /// </summary>
    private void ArmEvaluation(SimNode node, long dueMs)
    {
        var armed = ++node.ArmedEvaluation;
        node.ArmedDueMs = dueMs;
        _network.Schedule(dueMs, () =>
        {
            if (node.ArmedEvaluation != armed || node.Crashed)
            {
                return;
            }

            node.ArmedDueMs = null;
            if (IsStalled(node))
            {
                node.EvaluationOverdue = true;
                return;
            }

            Evaluate(node);
        });
    }

    private void RearmEvaluation(SimNode node)
    {
        if (_atCrossings)
        {
            var due = node.Detector.ScheduleEvaluation(_network.NowMs, node.ArmedDueMs);
            if (due != node.ArmedDueMs)
            {
                ArmEvaluation(node, due);
            }
        }
    }

    private void Resume(SimNode node)
    {
        if (node.Crashed || IsStalled(node))
        {
            return;
        }

        // The detector actor runs an overdue evaluation before the heartbeats that waited, so the pause is noticed first.
        if (_atCrossings && node.EvaluationOverdue)
        {
            node.EvaluationOverdue = false;
            Evaluate(node);
        }

        while (node.Inbox.TryDequeue(out var envelope))
        {
            Handle(node, envelope);
        }

        if (node.HeartbeatOverdue)
        {
            node.HeartbeatOverdue = false;
            SendHeartbeats(node);
        }

        if (node.TickOverdue)
        {
            node.TickOverdue = false;
            Dispatch(node, node.Core.Tick(_network.NowMs));
        }

        if (node.EvaluationOverdue)
        {
            node.EvaluationOverdue = false;
            Evaluate(node);
        }
    }

    private void Evaluate(SimNode node)
    {
        var now = _network.NowMs;
        var evaluation = node.Detector.Evaluate(now, gossipBacklogMs: 0);
        Evaluated?.Invoke(node.Index, evaluation, now - StartMs);
        foreach (var conviction in evaluation.Convictions)
        {
            Dispatch(node, node.Core.Convict(conviction.Endpoint, now, conviction.ByObserver));
        }

        foreach (var endpoint in evaluation.Recovered)
        {
            Dispatch(node, node.Core.Recovered(endpoint, now));
        }

        if (_atCrossings)
        {
            node.ArmedDueMs = null;
            RearmEvaluation(node);
        }
    }

    private void Dispatch(SimNode node, GossipOutput output)
    {
        foreach (var arrival in output.HeartbeatArrivals)
        {
            node.Detector.Report(arrival.Endpoint, arrival.AtMs);
        }

        if (output.HeartbeatArrivals.Count > 0)
        {
            RearmEvaluation(node);
        }

        foreach (var change in output.Events)
        {
            MembershipChanged?.Invoke(node.Index, change);
            if (change.Kind == MembershipEventKind.Removed)
            {
                node.Detector.Remove(change.Endpoint);
            }
        }

        // Sending only enqueues a delivery, so the core's reused output is not overwritten meanwhile.
        foreach (var message in output.Messages)
        {
            _network.Send(message);
        }
    }

    private sealed class SimNode(int index, GossipNodeCore core, FailureDetectorCore detector, ObserverRing ring, int tickPhaseMs, int evaluationPhaseMs, int heartbeatPhaseMs)
    {
        public int Index { get; } = index;

        public GossipNodeCore Core { get; } = core;

        public FailureDetectorCore Detector { get; } = detector;

        public ObserverRing Ring { get; } = ring;

        public EndpointAddress Address => Core.LocalEndpoint;

        public int TickPhaseMs { get; } = tickPhaseMs;

        public int EvaluationPhaseMs { get; } = evaluationPhaseMs;

        public int HeartbeatPhaseMs { get; } = heartbeatPhaseMs;

        public bool HeartbeatOverdue { get; set; }

        public bool Crashed { get; set; }

        public long StalledUntilMs { get; set; } = long.MinValue;

        public bool TickOverdue { get; set; }

        public bool EvaluationOverdue { get; set; }

        /// <summary>Which armed evaluation is current (with evaluation at crossings), and when it is due.</summary>
        public int ArmedEvaluation { get; set; }

        public long? ArmedDueMs { get; set; }

        public Queue<GossipEnvelope> Inbox { get; } = new();
    }
}
