using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>Who a round gossips with, and why (useful in logs and for the probability tests).</summary>
public readonly record struct GossipTarget(EndpointAddress Endpoint, GossipTargetReason Reason);

public enum GossipTargetReason
{
    Live,
    Unreachable,
    Seed,
}

/// <summary>
/// Cassandra's peer choice for one round: one random live peer; then an unreachable one with
/// probability <c>u / (l + 1)</c>; then a seed if the live target was not a seed or there are fewer
/// live peers than seeds — always when nobody is live, else with probability <c>seeds / (l + u)</c>.
/// The lists must not contain the local endpoint; <paramref name="seeds"/> is the seed list without self.
/// </summary>
public static class PeerSelector
{
    public static List<GossipTarget> Select(
        IReadOnlyList<EndpointAddress> live,
        IReadOnlyList<EndpointAddress> unreachable,
        IReadOnlyList<EndpointAddress> seeds,
        Random random)
    {
        var targets = new List<GossipTarget>(3);
        var liveTargetIsSeed = false;
        if (live.Count > 0)
        {
            var target = live[random.Next(live.Count)];
            targets.Add(new GossipTarget(target, GossipTargetReason.Live));
            liveTargetIsSeed = Contains(seeds, target);
        }

        if (unreachable.Count > 0)
        {
            var probability = unreachable.Count / (live.Count + 1.0);
            if (random.NextDouble() < probability)
            {
                targets.Add(new GossipTarget(unreachable[random.Next(unreachable.Count)], GossipTargetReason.Unreachable));
            }
        }

        if (seeds.Count > 0 && (!liveTargetIsSeed || live.Count < seeds.Count))
        {
            if (live.Count == 0)
            {
                targets.Add(new GossipTarget(seeds[random.Next(seeds.Count)], GossipTargetReason.Seed));
            }
            else
            {
                var probability = seeds.Count / (double)(live.Count + unreachable.Count);
                if (random.NextDouble() <= probability)
                {
                    targets.Add(new GossipTarget(seeds[random.Next(seeds.Count)], GossipTargetReason.Seed));
                }
            }
        }

        return targets;
    }

    private static bool Contains(IReadOnlyList<EndpointAddress> list, EndpointAddress endpoint)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == endpoint)
            {
                return true;
            }
        }

        return false;
    }
}
