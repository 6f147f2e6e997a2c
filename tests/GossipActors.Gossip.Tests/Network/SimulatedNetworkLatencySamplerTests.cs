using GossipActors.Gossip.Transport;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Gossip.Tests.Network;

public sealed class SimulatedNetworkLatencySamplerTests
{
    private const long StartMs = 1_700_000_000_000;
    private static readonly EndpointAddress A = SimulatedGossipCluster.AddressOf(0);
    private static readonly EndpointAddress B = SimulatedGossipCluster.AddressOf(1);

    [Fact]
    public void The_sampler_replaces_latency_and_jitter_for_every_message()
    {
        var delays = new Queue<double>([37, 250, 0]);
        var network = new SimulatedNetwork(
            new SimulatedNetworkOptions { LatencyMs = 5, JitterMs = 5, OneInFlightPerPeer = false, LatencySampler = _ => delays.Dequeue() },
            new Random(1),
            StartMs);
        var deliveredAt = new List<long>();
        network.Attach(B, _ => deliveredAt.Add(network.NowMs - StartMs));

        network.Send(new GossipEnvelope(A, B, new Echo(1)));
        network.Send(new GossipEnvelope(A, B, new Echo(2)));
        network.Send(new GossipEnvelope(A, B, new Echo(3)));
        network.RunUntil(StartMs + 1000);

        Assert.Equal([0L, 37L, 250L], deliveredAt);
        Assert.Empty(delays);
    }

    [Fact]
    public void The_sampler_draws_from_the_network_random_so_a_seed_replays_the_same_delays()
    {
        IReadOnlyList<long> Run(int seed)
        {
            var network = new SimulatedNetwork(
                new SimulatedNetworkOptions { OneInFlightPerPeer = false, LatencySampler = random => random.Next(1, 500) },
                new Random(seed),
                StartMs);
            var deliveredAt = new List<long>();
            network.Attach(B, _ => deliveredAt.Add(network.NowMs - StartMs));
            for (var i = 0; i < 20; i++)
            {
                network.Send(new GossipEnvelope(A, B, new Echo(i)));
            }

            network.RunUntil(StartMs + 1000);
            return deliveredAt;
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }
}
