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
/// Cassandra's peer choice for one round, widened to <c>fanout</c> live peers: that many distinct random
/// live peers (all of them when there are fewer); then an unreachable one with probability
/// <c>u / (l + 1)</c>; then a seed if no live target was a seed or there are fewer live peers than seeds —
/// always when nobody is live, else with probability <c>seeds / (l + u)</c>. A fanout of 1 is Cassandra's
/// rule exactly. The lists must not contain the local endpoint; <paramref name="seeds"/> is the seed list
/// without self.
/// </summary>
public static class PeerSelector
{
    public static List<GossipTarget> Select(
        IReadOnlyList<EndpointAddress> live,
        IReadOnlyList<EndpointAddress> unreachable,
        IReadOnlyList<EndpointAddress> seeds,
        Random random,
        int fanout = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fanout, 1);
        var liveTargets = Math.Min(fanout, live.Count);
        var targets = new List<GossipTarget>(liveTargets + 2);
        var liveTargetIsSeed = false;
        while (targets.Count < liveTargets)
        {
            // Rejection sampling: the fanout is small next to the live set, so a repeat is rare; when the
            // fanout covers most of it, the loop still ends because every draw has a fresh candidate left.
            var target = live[random.Next(live.Count)];
            if (ContainsTarget(targets, target))
            {
                continue;
            }

            targets.Add(new GossipTarget(target, GossipTargetReason.Live));
            liveTargetIsSeed |= Contains(seeds, target);
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

    private static bool ContainsTarget(List<GossipTarget> targets, EndpointAddress endpoint)
    {
        for (var i = 0; i < targets.Count; i++)
        {
            if (targets[i].Endpoint == endpoint)
            {
                return true;
            }
        }

        return false;
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
