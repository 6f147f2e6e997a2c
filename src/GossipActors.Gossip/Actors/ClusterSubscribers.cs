using Akka.Actor;
using GossipActors.Gossip.Cluster;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// Who receives one node's cluster events. Kept in the runtime, not the gossiper, so a restarted gossiper still
/// delivers to them; changed and read only in the gossiper's turn, which is what makes a subscriber's initial
/// snapshot and its first event adjacent.
/// </summary>
internal sealed class ClusterSubscribers
{
    private readonly List<IActorRef> _subscribers = [];

    public int Count => _subscribers.Count;

    public bool Add(IActorRef subscriber)
    {
        if (_subscribers.Contains(subscriber))
        {
            return false;
        }

        _subscribers.Add(subscriber);
        return true;
    }

    public bool Remove(IActorRef subscriber) => _subscribers.Remove(subscriber);

    public void Deliver(ClusterEvent change, IActorRef publisher)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.Tell(change, publisher);
        }
    }
}
