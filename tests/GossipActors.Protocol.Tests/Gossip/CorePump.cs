using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Tests.Gossip;

/// <summary>Wires a few cores together with instant, in-order delivery: enough for rule-level tests.</summary>
internal sealed class CorePump
{
    public const long StartMs = 1_700_000_000_000;
    private readonly Dictionary<EndpointAddress, GossipNodeCore> _cores = [];
    private readonly Queue<GossipEnvelope> _inFlight = new();

    public long NowMs { get; set; } = StartMs;

    public List<(EndpointAddress Node, MembershipEvent Event)> Events { get; } = [];

    public List<(EndpointAddress Node, GossipWarning Warning)> Warnings { get; } = [];

    public List<(EndpointAddress Node, HeartbeatArrival Arrival)> Arrivals { get; } = [];

    public List<GossipEnvelope> Sent { get; } = [];

    public HashSet<EndpointAddress> Unplugged { get; } = [];

    public Func<GossipEnvelope, bool>? Drop { get; set; }

    public static EndpointAddress Address(int i) => new($"10.0.0.{i}", 7000);

    public static GossipSettings Settings(string cluster = "c", params EndpointAddress[] seeds) => TestSettings.Gossip(cluster, seeds);

    public GossipNodeCore Add(int i, GossipSettings settings, int? generation = null, int randomSeed = 0)
    {
        var core = new GossipNodeCore(
            new GossipNodeOptions
            {
                LocalEndpoint = Address(i),
                HostId = new Guid(i, 0, 0, new byte[8]),
                Generation = generation ?? Generation.Next(null, NowMs),
                Settings = settings,
            },
            new Random(randomSeed + i));
        _cores[core.LocalEndpoint] = core;
        return core;
    }

    public void Replace(GossipNodeCore core) => _cores[core.LocalEndpoint] = core;

    public GossipOutput Do(GossipNodeCore core, Func<GossipNodeCore, GossipOutput> action)
    {
        var output = action(core);
        Collect(core.LocalEndpoint, output);
        Drain();
        return output;
    }

    public void Rounds(int count, params GossipNodeCore[] cores)
    {
        for (var i = 0; i < count; i++)
        {
            NowMs += 1000;
            foreach (var core in cores)
            {
                Do(core, c => c.Tick(NowMs));
            }
        }
    }

    private void Collect(EndpointAddress node, GossipOutput output)
    {
        Events.AddRange(output.Events.Select(e => (node, e)));
        Warnings.AddRange(output.Warnings.Select(w => (node, w)));
        Arrivals.AddRange(output.HeartbeatArrivals.Select(a => (node, a)));
        foreach (var message in output.Messages)
        {
            Sent.Add(message);
            _inFlight.Enqueue(message);
        }
    }

    private void Drain()
    {
        while (_inFlight.TryDequeue(out var envelope))
        {
            if (Unplugged.Contains(envelope.To) || Unplugged.Contains(envelope.From) || Drop?.Invoke(envelope) == true ||
                !_cores.TryGetValue(envelope.To, out var receiver))
            {
                continue;
            }

            Collect(receiver.LocalEndpoint, receiver.Receive(envelope, NowMs));
        }
    }
}
