using Akka.Actor;
using GossipActors.Gossip.Cluster;
using Microsoft.Extensions.Logging;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// A .NET handler subscribed to the gossiper as if it were an actor. Like <see cref="EventStreamCallback"/> it is a
/// minimal ref, not an actor: the handler runs in the gossiper's turn as the event is delivered (in the gossiper's
/// order, on no mailbox of its own, so seeded runs stay seeded). Disposing silences it at once and asks the
/// gossiper to drop it. A handler that throws is logged and does not reach the gossiper.
/// </summary>
internal sealed class ClusterEventCallback(IActorRefProvider provider, ActorPath path, Action<ClusterEvent> handler, IActorRef gossiper, ILogger log)
    : MinimalActorRef, IDisposable
{
    private int _disposed;

    public override ActorPath Path { get; } = path;

    public override IActorRefProvider Provider { get; } = provider;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            gossiper.Tell(new UnsubscribeCluster(this), ActorRefs.NoSender);
        }
    }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is not ClusterEvent change || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            handler(change);
        }
        catch (Exception error)
        {
            log.LogWarning(error, "a cluster event subscriber threw on {Event}; the gossiper carries on", change.GetType().Name);
        }
    }
}
