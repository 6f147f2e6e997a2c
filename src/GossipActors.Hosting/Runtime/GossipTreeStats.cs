using Akka.Actor;
using GossipActors.Gossip.Actors;
using KernelActorStats = GossipActors.Actors.ActorStats;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// tpstats rows for the Akka gossip tree, in the kernel's shape: mailbox depth from the actor's cell, processed and
/// failed from the counters every <see cref="GossipActor"/> keeps (Akka keeps neither). Read from outside the actors:
/// each figure is a moment's snapshot, as the kernel's were.
/// </summary>
internal static class GossipTreeStats
{
    public static IReadOnlyList<KernelActorStats> Collect(IActorRef root)
    {
        var rows = new List<KernelActorStats>();
        Add(root, rows);
        return rows;
    }

    private static void Add(IActorRef actor, List<KernelActorStats> rows)
    {
        if (actor is not ActorRefWithCell withCell || withCell.IsTerminated)
        {
            return;
        }

        var cell = withCell.Underlying;
        var counters = GossipActorCounters.Find(cell);
        rows.Add(new KernelActorStats(actor.Path.ToStringWithoutAddress(), cell.Props.Type.Name, cell.NumberOfMessages, counters?.Processed ?? 0, counters?.Failed ?? 0));
        foreach (var child in withCell.Children)
        {
            Add(child, rows);
        }
    }
}
