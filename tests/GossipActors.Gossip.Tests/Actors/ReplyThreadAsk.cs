using Akka.Actor;
using GossipActors.Gossip.Actors;

namespace GossipActors.Gossip.Tests.Actors;

/// <summary>
/// Akka's <c>Ask&lt;T&gt;</c> completes its typed task one thread-pool hop after the reply; a deterministic test
/// that moves virtual time while that hop waits for a busy pool could time out. This completes on the replying thread.
/// </summary>
internal static class ReplyThreadAsk
{
    public static Task<T> AskNow<T>(this IActorRef target, ActorSystem via, object message) =>
        GossipAsk.Ask<T>(via, target, message, TimeSpan.FromSeconds(3));
}
