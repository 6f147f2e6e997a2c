using GossipActors.Protocol.Clock;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Clock;

/// <summary>
/// Three cores whose clocks disagree (<see cref="GossipNodeOptions.ClockOffsetMs"/>) gossip over a network with 3 ms
/// one-way delay and, on a seeded third of the messages, up to 80 ms of queueing on one leg only: on virtual time,
/// every node's estimate of every other node's clock and its warnings must come out as the offsets say.
/// </summary>
public sealed class SkewedClusterTests
{
    private const long Start = 1_764_900_000_000;
    private const int Generation = 1_764_900_000;
    private const long OneWayMs = 3;

    private static readonly long[] Offsets = [0, 120, -30];

    [Fact]
    public void Every_node_estimates_every_peer_clock_from_the_fastest_exchange_and_warns_once_per_skewed_peer()
    {
        var network = new DelayedNetwork(seed: 42);
        var cores = Enumerable.Range(0, Offsets.Length).Select(i => network.Add(Core(i))).ToArray();

        network.Run(untilMs: Start + 40_000);

        for (var i = 0; i < cores.Length; i++)
        {
            for (var j = 0; j < cores.Length; j++)
            {
                if (i == j)
                {
                    continue;
                }

                Assert.True(cores[i].TryGetClockSkew(Address(j), out var estimate), $"node {i} has no estimate of node {j}");
                // The fastest exchange in the window had no queueing: 3 ms each way, so the midpoint is exact.
                Assert.Equal(2 * OneWayMs, estimate.RoundTripMs);
                Assert.Equal(Offsets[j] - Offsets[i], estimate.SkewMs);
            }
        }

        // A heartbeat node 1 stamped with its clock (120 ms ahead), arriving here 3 ms later: 3 ms once corrected by the estimate.
        var sent = Start + 50_000;
        Assert.Equal(3, cores[0].HeartbeatTransitMs(Address(1), sent + Offsets[1], sent + 3, out var corrected));
        Assert.True(corrected);
        // A peer with no estimate: its stamp is read as if the clocks agreed, so its 120 ms lead comes out of the transit.
        Assert.Equal(3 - 120, cores[0].HeartbeatTransitMs(new EndpointAddress("10.9.9.9", 7000), sent + Offsets[1], sent + 3, out var unknown));
        Assert.False(unknown);

        // Warned once per peer further than 50 ms away (0<->1: 120, 1<->2: 150), never about 0<->2 (30 ms).
        var warned = network.Warnings.Where(w => w.Warning.Kind == GossipWarningKind.ClockSkew)
            .Select(w => $"{w.Node}->{w.Warning.Peer}")
            .Order()
            .ToList();
        Assert.Equal(
            new[] { $"{Address(0)}->{Address(1)}", $"{Address(1)}->{Address(0)}", $"{Address(1)}->{Address(2)}", $"{Address(2)}->{Address(1)}" }.Order(),
            warned);
        Assert.DoesNotContain(network.Warnings, w => w.Warning.Kind == GossipWarningKind.ClockSkewRecovered);
        var line = network.Warnings.First(w => w.Node == Address(0) && w.Warning.Kind == GossipWarningKind.ClockSkew).Warning.Message;
        // The first crossing comes from the first samples, which may have queued on one leg: the line says how far to trust it.
        Assert.Matches(@"^clock skew: 10\.0\.0\.2:7000 is \+1\d\d ms off this node's clock \(measured over a \d+ ms round trip, so within ±\d+ ms\), beyond gossip\.clock-skew-warning \(50 ms\)", line);
    }

    [Fact]
    public void A_node_without_skew_samples_still_stamps_what_it_sends()
    {
        var network = new DelayedNetwork(seed: 7);
        var quiet = network.Add(Core(0, discardSamples: true));
        network.Add(Core(1));

        network.Run(untilMs: Start + 10_000);

        Assert.Empty(quiet.ClockSkews());
        Assert.Contains(network.Delivered, e => e.From == Address(0) && e.Message is GossipDigestAck { SentAtMs: not null });
        Assert.Contains(network.Delivered, e => e.From == Address(0) && e.Message is GossipDigestAck2 { Clock: not null });
    }

    private static EndpointAddress Address(int i) => new($"10.0.0.{i + 1}", 7000);

    private static GossipNodeCore Core(int i, bool discardSamples = false)
    {
        var core = new GossipNodeCore(
            new GossipNodeOptions
            {
                LocalEndpoint = Address(i),
                HostId = new Guid(i + 1, 0, 0, new byte[8]),
                Generation = Generation,
                Settings = TestSettings.Gossip("c", [Address(0)]),
                ClockOffsetMs = Offsets[i],
                DiscardClockSamples = discardSamples,
            },
            new Random(i));
        core.Start(Start, skipShadowRound: true);
        core.PreloadLiveEndpoints(
            [.. Enumerable.Range(0, Offsets.Length).Where(j => j != i).Select(j => KeyValuePair.Create(Address(j), EndpointState.Create(new HeartBeatState(Generation, 1))))],
            Start);
        return core;
    }

    /// <summary>Virtual time: a tick per node per second (staggered), every message delivered after its delay.</summary>
    private sealed class DelayedNetwork(int seed)
    {
        private readonly Random _random = new(seed);
        private readonly List<GossipNodeCore> _cores = [];
        private readonly PriorityQueue<GossipEnvelope, (long At, long Order)> _inFlight = new();
        private long _order;

        public List<(EndpointAddress Node, GossipWarning Warning)> Warnings { get; } = [];

        public List<GossipEnvelope> Delivered { get; } = [];

        public GossipNodeCore Add(GossipNodeCore core)
        {
            _cores.Add(core);
            return core;
        }

        public void Run(long untilMs)
        {
            var nextTick = _cores.Select((_, i) => Start + 1_000 + (i * 137)).ToArray();
            while (true)
            {
                var tickAt = nextTick.Min();
                var deliverAt = _inFlight.TryPeek(out _, out var head) ? head.At : long.MaxValue;
                var now = Math.Min(tickAt, deliverAt);
                if (now > untilMs)
                {
                    return;
                }

                if (deliverAt <= tickAt)
                {
                    var envelope = _inFlight.Dequeue();
                    Delivered.Add(envelope);
                    if (_cores.SingleOrDefault(c => c.LocalEndpoint == envelope.To) is { } receiver)
                    {
                        Collect(receiver, receiver.Receive(envelope, now), now);
                    }
                }
                else
                {
                    var i = Array.IndexOf(nextTick, tickAt);
                    nextTick[i] += 1_000;
                    Collect(_cores[i], _cores[i].Tick(now), now);
                }
            }
        }

        private void Collect(GossipNodeCore core, GossipOutput output, long now)
        {
            Warnings.AddRange(output.Warnings.Select(w => (core.LocalEndpoint, w)));
            foreach (var envelope in output.Messages)
            {
                var queued = _random.Next(3) == 0 ? _random.Next(1, 80) : 0;
                _inFlight.Enqueue(envelope, (now + OneWayMs + queued, _order++));
            }
        }
    }
}
