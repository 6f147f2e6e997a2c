using FsCheck;
using FsCheck.Fluent;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using Xunit;

namespace GossipActors.Protocol.Tests.Gossip;

public sealed class PeerSelectorTests
{
    private const int Trials = 20_000;

    private static List<EndpointAddress> Endpoints(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => new EndpointAddress($"{prefix}.{i}", 7000)).ToList();

    [Fact]
    public void Nobody_live_always_gossips_to_a_seed()
    {
        var seeds = Endpoints("seed", 2);
        var random = new Random(1);
        for (var i = 0; i < 1000; i++)
        {
            var targets = PeerSelector.Select([], [], seeds, random);
            Assert.Equal(GossipTargetReason.Seed, Assert.Single(targets).Reason);
        }
    }

    [Fact]
    public void Exactly_one_live_peer_every_round_chosen_uniformly()
    {
        var live = Endpoints("live", 5);
        var counts = live.ToDictionary(e => e, _ => 0);
        var random = new Random(2);
        for (var i = 0; i < Trials; i++)
        {
            var targets = PeerSelector.Select(live, [], [], random);
            counts[Assert.Single(targets).Endpoint]++;
        }

        Assert.All(counts.Values, count => Assert.InRange(count, Trials / 5 * 0.9, Trials / 5 * 1.1));
    }

    [Theory]
    [InlineData(2, 5)]
    [InlineData(3, 16)]
    [InlineData(4, 4)]
    [InlineData(5, 3)]
    public void A_fanout_picks_that_many_distinct_live_peers_uniformly(int fanout, int liveCount)
    {
        var live = Endpoints("live", liveCount);
        var counts = live.ToDictionary(e => e, _ => 0);
        var random = new Random(fanout * 100 + liveCount);
        var expected = Math.Min(fanout, liveCount);
        for (var i = 0; i < Trials; i++)
        {
            var chosen = PeerSelector.Select(live, [], [], random, fanout).Where(t => t.Reason == GossipTargetReason.Live).Select(t => t.Endpoint).ToList();
            Assert.Equal(expected, chosen.Count);
            Assert.Equal(expected, chosen.Distinct().Count());
            chosen.ForEach(endpoint => counts[endpoint]++);
        }

        // Each peer is in a round's set with probability fanout / live.
        var perPeer = Trials * (double)expected / liveCount;
        Assert.All(counts.Values, count => Assert.InRange(count, perPeer * 0.9, Math.Min(Trials, perPeer * 1.1)));
    }

    [Fact]
    public void With_a_fanout_the_seed_rule_is_skipped_only_when_some_live_target_is_a_seed()
    {
        // Two live peers, one a seed, fanout 2: the seed is always among the live targets, so no extra seed target.
        var seed = Endpoints("seed", 1);
        var live = seed.Concat(Endpoints("live", 1)).ToList();
        var random = new Random(6);
        for (var i = 0; i < 1000; i++)
        {
            var targets = PeerSelector.Select(live, [], seed, random, fanout: 2);
            Assert.Equal(2, targets.Count);
            Assert.All(targets, t => Assert.Equal(GossipTargetReason.Live, t.Reason));
        }
    }

    [Fact]
    public void A_fanout_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PeerSelector.Select(Endpoints("live", 3), [], [], new Random(7), fanout: 0));

    [Fact]
    public void Unreachable_is_always_tried_when_it_outnumbers_live_plus_one()
    {
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var targets = PeerSelector.Select(Endpoints("live", 1), Endpoints("down", 3), [], random);
            Assert.Contains(targets, t => t.Reason == GossipTargetReason.Unreachable);
        }
    }

    [Fact]
    public void A_live_seed_target_with_enough_live_peers_skips_the_seed_rule()
    {
        // Live target is always the seed (it is the only live peer), and live (1) is not below seeds (1).
        var seed = Endpoints("seed", 1);
        var random = new Random(4);
        for (var i = 0; i < 1000; i++)
        {
            var targets = PeerSelector.Select(seed, [], seed, random);
            Assert.Equal(GossipTargetReason.Live, Assert.Single(targets).Reason);
        }
    }

    [Fact]
    public void Probabilities_hold_for_generated_cluster_shapes_and_fanouts()
    {
        // For any shape (live l, unreachable u, seeds s) and fanout f, over many seeded rounds:
        //   exactly min(f, l) live targets,
        //   P(unreachable target) = min(1, u / (l + 1)),
        //   P(seed target) = P(no live target is a seed or l < s) * (l == 0 ? 1 : min(1, s / (l + u))).
        var shapes = Gen.Choose(0, 12).SelectMany(l => Gen.Choose(0, 12).SelectMany(u => Gen.Choose(1, 4).SelectMany(s => Gen.Choose(1, 3).Select(f => (l, u, s, f)))));
        Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var (l, u, s, f) = shape;
            var seeds = Endpoints("seed", s);
            var live = Endpoints("live", l);
            var unreachable = Endpoints("down", u);
            var random = new Random(HashCode.Combine(l, u, s, f));
            int unreachableHits = 0, seedHits = 0;
            for (var i = 0; i < Trials; i++)
            {
                var targets = PeerSelector.Select(live, unreachable, seeds, random, f);
                unreachableHits += targets.Count(t => t.Reason == GossipTargetReason.Unreachable);
                seedHits += targets.Count(t => t.Reason == GossipTargetReason.Seed);
                if (targets.Count(t => t.Reason == GossipTargetReason.Live) != Math.Min(f, l))
                {
                    return false;
                }
            }

            var pUnreachable = u == 0 ? 0 : Math.Min(1.0, u / (l + 1.0));
            var pSeed = l == 0 ? 1.0 : Math.Min(1.0, s / (double)(l + u)); // live peers here are never seeds
            return Near(unreachableHits, pUnreachable) && Near(seedHits, pSeed);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Seed_rule_applies_when_live_target_was_a_seed_but_live_is_below_seed_count()
    {
        // Live peers are all seeds (2 of 3 seeds live): l < s, so the seed rule still runs, with probability s / (l + u).
        var seeds = Endpoints("seed", 3);
        var live = seeds.Take(2).ToList();
        var random = new Random(5);
        var seedHits = 0;
        for (var i = 0; i < Trials; i++)
        {
            seedHits += PeerSelector.Select(live, [], seeds, random).Count(t => t.Reason == GossipTargetReason.Seed);
        }

        Assert.True(Near(seedHits, 1.0), $"expected every round to add a seed (3 / 2 >= 1), got {seedHits}/{Trials}");
    }

    // Five standard deviations of a binomial count, plus a little slack for p near 0 or 1.
    private static bool Near(int hits, double p) =>
        Math.Abs(hits - (p * Trials)) <= (5 * Math.Sqrt(Trials * p * (1 - p))) + 2;
}
