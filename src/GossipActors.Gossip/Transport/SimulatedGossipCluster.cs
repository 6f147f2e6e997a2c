using System.Globalization;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Transport;

/// <summary>
/// Drives pure <see cref="GossipNodeCore"/>s over a <see cref="SimulatedNetwork"/>: each node ticks
/// every gossip interval at its own random phase, messages travel through the network, outputs are
/// routed and recorded. Used by the scenario tests and the simulation runner.
/// </summary>
public sealed class SimulatedGossipCluster
{
    private readonly Dictionary<EndpointAddress, SimulatedNode> _byAddress = [];
    private readonly List<SimulatedNode> _nodes = [];
    private readonly Random _random;

    public SimulatedGossipCluster(SimulatedNetwork network, int seed)
    {
        Network = network;
        _random = new Random(seed);
    }

    public SimulatedNetwork Network { get; }

    public long NowMs => Network.NowMs;

    /// <summary>Keep every event and warning per node (tests); off for large simulations.</summary>
    public bool RecordEvents { get; init; } = true;

    /// <summary>
    /// Stand-in for the failure detector until the phi detector is wired in: convict a live endpoint
    /// whose heartbeat has not advanced for this long. Null disables it.
    /// </summary>
    public long? ConvictAfterSilenceMs { get; init; }

    /// <summary>Called with every output a node produces, before its messages are sent.</summary>
    public Action<SimulatedNode, GossipOutput>? Observer { get; set; }

    public IReadOnlyList<SimulatedNode> Nodes => _nodes;

    public static EndpointAddress AddressOf(int index) =>
        new(string.Create(CultureInfo.InvariantCulture, $"10.{(index >> 16) & 255}.{(index >> 8) & 255}.{index & 255}"), 7000);

    public SimulatedNode this[EndpointAddress address] => _byAddress[address];

    /// <summary>Creates a node (not started). An existing node at the same address is replaced (a restart).</summary>
    public SimulatedNode AddNode(GossipNodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_byAddress.TryGetValue(options.LocalEndpoint, out var previous))
        {
            Crash(previous);
            _nodes.Remove(previous);
        }

        var core = new GossipNodeCore(options, new Random(_random.Next()), Network);
        var node = new SimulatedNode(core, _random.Next((int)options.Settings.IntervalMs));
        _byAddress[options.LocalEndpoint] = node;
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts the node now and schedules its ticks.</summary>
    public void Start(SimulatedNode node, bool skipShadowRound = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        var incarnation = ++node.Incarnation;
        node.IsRunning = true;
        Network.Attach(node.Address, envelope => Dispatch(node, node.Core.Receive(envelope, Network.NowMs)));
        Dispatch(node, node.Core.Start(Network.NowMs, skipShadowRound));
        ScheduleTick(node, incarnation, Network.NowMs + node.PhaseMs);
    }

    /// <summary>The node dies without a word: no more ticks, nothing delivered to it.</summary>
    public void Crash(SimulatedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.IsRunning = false;
        node.Incarnation++;
        Network.Detach(node.Address);
    }

    /// <summary>Graceful shutdown: the announcement goes out, then the node stops listening.</summary>
    public void Shutdown(SimulatedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Dispatch(node, node.Core.Shutdown(Network.NowMs));
        node.IsRunning = false;
        node.Incarnation++;
        Network.Detach(node.Address);
    }

    /// <summary>Calls <paramref name="action"/> on a node's core at the current time and routes what it returns.</summary>
    public void Apply(SimulatedNode node, Func<GossipNodeCore, long, GossipOutput> action)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(action);
        Dispatch(node, action(node.Core, Network.NowMs));
    }

    public void RunFor(long milliseconds) => Network.RunUntil(Network.NowMs + milliseconds);

    /// <summary>Runs until <paramref name="condition"/> holds (checked every 100 virtual ms) or the time is up.</summary>
    public bool RunUntil(Func<bool> condition, long maxMilliseconds)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Network.NowMs + maxMilliseconds;
        while (!condition())
        {
            if (Network.NowMs >= deadline)
            {
                return false;
            }

            Network.RunUntil(Math.Min(deadline, Network.NowMs + 100));
        }

        return true;
    }

    private void ScheduleTick(SimulatedNode node, int incarnation, long atMs) =>
        Network.Schedule(atMs, () =>
        {
            if (node.Incarnation != incarnation || !node.IsRunning)
            {
                return;
            }

            ConvictSilent(node);
            Dispatch(node, node.Core.Tick(Network.NowMs));
            if (node.IsRunning)
            {
                ScheduleTick(node, incarnation, atMs + node.Core.Options.Settings.IntervalMs);
            }
        });

    private void ConvictSilent(SimulatedNode node)
    {
        if (ConvictAfterSilenceMs is not { } silence || node.Core.Phase != GossipNodePhase.Running)
        {
            return;
        }

        var silent = node.Core.LiveEndpoints
            .Where(endpoint => Network.NowMs - node.LastHeartbeatAt.GetValueOrDefault(endpoint, Network.NowMs) > silence)
            .ToList();
        foreach (var endpoint in silent)
        {
            Dispatch(node, node.Core.Convict(endpoint, Network.NowMs));
        }
    }

    private void Dispatch(SimulatedNode node, GossipOutput output)
    {
        Observer?.Invoke(node, output);
        if (ConvictAfterSilenceMs is not null)
        {
            foreach (var arrival in output.HeartbeatArrivals)
            {
                node.LastHeartbeatAt[arrival.Endpoint] = arrival.AtMs;
            }

            foreach (var membershipEvent in output.Events)
            {
                if (membershipEvent.Kind == MembershipEventKind.Up)
                {
                    node.LastHeartbeatAt[membershipEvent.Endpoint] = membershipEvent.AtMs;
                }
            }
        }

        if (RecordEvents)
        {
            node.Events.AddRange(output.Events);
            node.Warnings.AddRange(output.Warnings);
        }

        if (output.StartedGossip)
        {
            node.StartedGossipAtMs = Network.NowMs;
        }

        if (output.StartupFailure is not null)
        {
            node.StartupFailure = output.StartupFailure;
        }

        if (output.Fatal is not null)
        {
            node.Fatal = output.Fatal;
        }

        // Sending only enqueues a delivery, so the core's reused output buffer is not re-entered here.
        foreach (var message in output.Messages)
        {
            Network.Send(message);
        }

        if (node.Core.Phase == GossipNodePhase.Stopped && node.IsRunning)
        {
            node.IsRunning = false;
            node.Incarnation++;
            Network.Detach(node.Address);
        }

        // The shadow round's resends start well inside one gossip interval, so it is ticked when it is due too.
        if (node.IsRunning && node.Core.ShadowRoundDueAtMs is { } due && due != node.ShadowRoundTickAtMs)
        {
            node.ShadowRoundTickAtMs = due;
            var incarnation = node.Incarnation;
            Network.Schedule(Math.Max(due, Network.NowMs), () =>
            {
                if (node.Incarnation == incarnation && node.IsRunning && node.ShadowRoundTickAtMs == due &&
                    node.Core.Phase == GossipNodePhase.ShadowRound)
                {
                    Dispatch(node, node.Core.Tick(Network.NowMs));
                }
            });
        }

        // So is the news round, as the actor host does.
        if (node.IsRunning && node.Core.NewsRoundDueAtMs is { } news && news != node.NewsRoundTickAtMs)
        {
            node.NewsRoundTickAtMs = news;
            var incarnation = node.Incarnation;
            Network.Schedule(Math.Max(news, Network.NowMs), () =>
            {
                if (node.Incarnation == incarnation && node.IsRunning && node.NewsRoundTickAtMs == news)
                {
                    node.NewsRoundTickAtMs = null;
                    Dispatch(node, node.Core.TickNews(Network.NowMs));
                }
            });
        }
    }
}

/// <summary>One simulated node: its core and what it has reported.</summary>
public sealed class SimulatedNode(GossipNodeCore core, int phaseMs)
{
    public GossipNodeCore Core { get; } = core;

    public EndpointAddress Address => Core.LocalEndpoint;

    /// <summary>Offset of this node's ticks within the gossip interval.</summary>
    public int PhaseMs { get; } = phaseMs;

    public bool IsRunning { get; internal set; }

    internal int Incarnation { get; set; }

    /// <summary>When the pending extra shadow-round tick is due (so one due time is scheduled once).</summary>
    internal long? ShadowRoundTickAtMs { get; set; }

    /// <summary>When the pending news-round tick is due (so one due time is scheduled once).</summary>
    internal long? NewsRoundTickAtMs { get; set; }

    public long? StartedGossipAtMs { get; internal set; }

    public Exception? StartupFailure { get; internal set; }

    /// <summary>Why a running node had to stop (another live node has its host id).</summary>
    public Exception? Fatal { get; internal set; }

    public List<MembershipEvent> Events { get; } = [];

    public List<GossipWarning> Warnings { get; } = [];

    internal Dictionary<EndpointAddress, long> LastHeartbeatAt { get; } = [];

    public override string ToString() => Address.ToString();
}
