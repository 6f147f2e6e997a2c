using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace GossipActors.Gossip.Actors;

/// <summary>
/// The mailbox type of every actor of the gossip tree, named by <c>akka.actor.gossip-mailbox</c> in reference.conf
/// (<see cref="GossiperRuntime.MailboxKey"/>): Akka's unbounded mailbox with a counting queue, so tpstats' mailbox
/// depth comes from our own count rather than from Akka's cell.
/// </summary>
public sealed class GossipMailbox : MailboxType, IProducesMessageQueue<GossipMessageQueue>
{
    // The constructor Akka's Mailboxes calls when it first meets the mailbox's configuration path.
    public GossipMailbox(Settings settings, Config config)
        : base(settings, config)
    {
    }

    public override IMessageQueue Create(IActorRef owner, ActorSystem system) => new GossipMessageQueue();
}
