using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Model;

namespace GossipActors.Simulation.FailureDetection;

/// <summary>
/// A compact discrete-event model of how heartbeats travel by gossip, written for the failure
/// detector figures while the full gossip core is built elsewhere. Only heartbeat versions exist.
/// Every node, every 1 s (its own phase), bumps its heartbeat version, then exchanges versions with
/// peers chosen by Cassandra's rules: one random live peer; one unreachable peer with probability
/// unreachable / (live + 1); a seed when the live target was not one or live &lt; seeds (always when
/// nobody is live, else with probability seeds / (live + unreachable)). Then it runs its detector's
/// status check. An exchange is SYN (digests) → ACK (the peer's versions) → ACK2 (the initiator's),
/// each message with its own latency and loss; a lost message ends the exchange. A node adopts any
/// higher version it learns, directly or relayed, and reports it to its FailureDetectorCore.
/// </summary>
/// <remarks>
/// Simplifications: membership is static and known from the start; a convicted peer returns to UP
/// as soon as its detector sees a new heartbeat (no echo round trip); the gossip stage never lags
/// (the backlog passed to Evaluate is 0). A stalled node neither runs rounds nor processes
/// messages; messages reaching it are queued and processed when the stall ends, as a paused
/// process would find them in its socket buffers, and its overdue round runs at once.
/// </remarks>
internal sealed class HeartbeatGossipCluster
{
    public const long RoundMicros = 1_000_000;

    private readonly PriorityQueue<SimEvent, (long At, long Sequence)> _events = new();
    private readonly Node[] _nodes;
    private readonly int _seedCount;
    private readonly NetworkModel _network;
    private readonly Random _random;
    private long _sequence;

    public HeartbeatGossipCluster(int nodeCount, int seedCount, FailureDetectorSettings settings, NetworkModel network, Random random)
    {
        _network = network;
        _random = random;
        _seedCount = seedCount;
        _nodes = new Node[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            _nodes[i] = new Node(i, nodeCount, new FailureDetectorCore(settings));
        }

        foreach (var node in _nodes)
        {
            Schedule((long)(random.NextDouble() * RoundMicros), new RoundTick(node.Index));
        }
    }

    public long NowMicros { get; private set; }

    public int NodeCount => _nodes.Length;

    public MessageStatistics Messages { get; } = new();

    /// <summary>Called after each status check with (observer, evaluation, time in ms).</summary>
    public Action<int, FailureDetectorEvaluation, long>? Evaluated { get; set; }

    public static EndpointAddress AddressOf(int index) => new($"10.0.0.{index + 1}", 7000);

    public FailureDetectorCore DetectorOf(int index) => _nodes[index].Detector;

    public bool IsCrashed(int index) => _nodes[index].Crashed;

    public void Crash(int index) => _nodes[index].Crashed = true;

    public void Stall(int index, long fromMicros, long durationMicros) => Schedule(fromMicros, new StallStart(index, durationMicros));

    public void RunUntil(long endMicros)
    {
        while (_events.TryPeek(out _, out var key) && key.At <= endMicros)
        {
            var next = _events.Dequeue();
            NowMicros = key.At;
            Handle(next);
        }

        NowMicros = endMicros;
    }

    private void Handle(SimEvent simEvent)
    {
        switch (simEvent)
        {
            case StallStart stall:
                _nodes[stall.Node].StalledUntilMicros = NowMicros + stall.DurationMicros;
                break;
            case RoundTick tick:
                RunRound(_nodes[tick.Node]);
                break;
            case Delivery delivery:
                Deliver(delivery);
                break;
        }
    }

    private void RunRound(Node node)
    {
        if (node.Crashed)
        {
            return;
        }

        if (NowMicros < node.StalledUntilMicros)
        {
            Schedule(node.StalledUntilMicros, new RoundTick(node.Index));
            return;
        }

        node.Versions[node.Index]++;
        var live = new List<int>();
        var unreachable = new List<int>();
        for (var peer = 0; peer < _nodes.Length; peer++)
        {
            if (peer != node.Index)
            {
                (node.Detector.IsDown(AddressOf(peer)) ? unreachable : live).Add(peer);
            }
        }

        var liveTargetWasSeed = false;
        if (live.Count > 0)
        {
            var target = live[_random.Next(live.Count)];
            liveTargetWasSeed = IsSeed(target);
            SendSyn(node, target);
        }

        if (unreachable.Count > 0 && _random.NextDouble() < unreachable.Count / (live.Count + 1.0))
        {
            SendSyn(node, unreachable[_random.Next(unreachable.Count)]);
        }

        if (!liveTargetWasSeed || live.Count < _seedCount)
        {
            var seeds = Enumerable.Range(0, _seedCount).Where(s => s != node.Index).ToList();
            if (seeds.Count > 0 && (live.Count == 0 || _random.NextDouble() < (double)_seedCount / (live.Count + unreachable.Count)))
            {
                SendSyn(node, seeds[_random.Next(seeds.Count)]);
            }
        }

        var evaluation = node.Detector.Evaluate(NowMicros / 1000, gossipBacklogMs: 0);
        Evaluated?.Invoke(node.Index, evaluation, NowMicros / 1000);
        Schedule(NowMicros + RoundMicros, new RoundTick(node.Index));
    }

    private bool IsSeed(int index) => index < _seedCount;

    private void SendSyn(Node from, int to) => Send(from.Index, to, MessageKind.Syn, null);

    private void Send(int from, int to, MessageKind kind, long[]? versions)
    {
        Messages.Sent++;
        if (_network.Drops(_random))
        {
            Messages.Lost++;
            return;
        }

        var latencyMs = _network.LatencyMs(_random);
        Messages.Record(latencyMs);
        Schedule(NowMicros + Math.Max(1, (long)Math.Round(latencyMs * 1000)), new Delivery(from, to, kind, versions));
    }

    private void Deliver(Delivery delivery)
    {
        var node = _nodes[delivery.To];
        if (node.Crashed)
        {
            return;
        }

        if (NowMicros < node.StalledUntilMicros)
        {
            Schedule(node.StalledUntilMicros, delivery);
            return;
        }

        switch (delivery.Kind)
        {
            case MessageKind.Syn:
                Send(node.Index, delivery.From, MessageKind.Ack, (long[])node.Versions.Clone());
                break;
            case MessageKind.Ack:
                Merge(node, delivery.Versions!);
                Send(node.Index, delivery.From, MessageKind.Ack2, (long[])node.Versions.Clone());
                break;
            case MessageKind.Ack2:
                Merge(node, delivery.Versions!);
                break;
        }
    }

    private void Merge(Node node, long[] remote)
    {
        var nowMs = NowMicros / 1000;
        for (var peer = 0; peer < remote.Length; peer++)
        {
            if (peer != node.Index && remote[peer] > node.Versions[peer])
            {
                node.Versions[peer] = remote[peer];
                node.Detector.Report(AddressOf(peer), nowMs);
            }
        }
    }

    private void Schedule(long atMicros, SimEvent simEvent) => _events.Enqueue(simEvent, (atMicros, _sequence++));

    private enum MessageKind
    {
        Syn,
        Ack,
        Ack2,
    }

    private abstract record SimEvent;

    private sealed record RoundTick(int Node) : SimEvent;

    private sealed record StallStart(int Node, long DurationMicros) : SimEvent;

    private sealed record Delivery(int From, int To, MessageKind Kind, long[]? Versions) : SimEvent;

    private sealed class Node(int index, int clusterSize, FailureDetectorCore detector)
    {
        public int Index { get; } = index;

        /// <summary>Highest heartbeat version known per node (0 = never heard of).</summary>
        public long[] Versions { get; } = new long[clusterSize];

        public FailureDetectorCore Detector { get; } = detector;

        public bool Crashed { get; set; }

        public long StalledUntilMicros { get; set; }
    }
}
