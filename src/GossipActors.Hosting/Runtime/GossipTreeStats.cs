using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Hosting.Admin;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// tpstats rows for a tree of Akka actors: mailbox depth from the counting queue of a <see cref="GossipMailbox"/>
/// (Akka's cell count for an actor on another mailbox), processed and failed from the counters every
/// <see cref="GossipActor"/> keeps around its receive (Akka keeps neither; other actors show 0). Read from outside
/// the actors: each figure is a moment's snapshot.
/// </summary>
public static class GossipTreeStats
{
    /// <summary>
    /// An Akka path as tpstats names it: from below its guardian, so <c>/system/gossip/rounds/round-7</c> is in group
    /// <c>gossip/rounds</c>, as it was when the tree lived in the kernel's <c>/user</c>.
    /// </summary>
    public static string PathOf(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return "/" + string.Join('/', path.Elements.Skip(1));
    }

    public static IReadOnlyList<ActorStats> Collect(IActorRef root)
    {
        var rows = new List<ActorStats>();
        Add(root, rows);
        return rows;
    }

    private static void Add(IActorRef actor, List<ActorStats> rows)
    {
        if (actor is not ActorRefWithCell withCell || withCell.IsTerminated)
        {
            return;
        }

        var cell = withCell.Underlying;
        var counters = GossipActorCounters.Find(cell);
        var depth = GossipMessageQueue.Of(cell)?.Count ?? cell.NumberOfMessages;
        rows.Add(new ActorStats(PathOf(actor.Path), cell.Props.Type.Name, depth, counters?.Processed ?? 0, counters?.Failed ?? 0));
        foreach (var child in withCell.Children)
        {
            Add(child, rows);
        }
    }
}
