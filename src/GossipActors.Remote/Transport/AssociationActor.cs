using Akka.Actor;
using Akka.Remote.Transport;
using GossipActors.Gossip.Actors;
using GossipActors.Remote.Actors;
using GossipActors.Remote.Connections;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// What the outbound and inbound connection actors share: a <c>framer</c> child that cuts the connection's outbound
/// frames, and the <see cref="AssociationInbox"/> through which the connection's read loop hands PDUs to Akka. The
/// actor owns the association's life: it opens the inbox when Akka registers its reader, and reports the end to Akka
/// exactly once (after what arrived before it).
/// </summary>
internal abstract class AssociationActor : GossipActor
{
    private bool _ended;

    protected AssociationActor(ILoggerFactory loggers)
        : base(loggers)
    {
        var self = Self;
        Inbox = new AssociationInbox(Log, self.Path.Name, () => self.Tell(FirstPayloadArrived.Instance, ActorRefs.NoSender));
        Receive<FirstPayloadArrived>(_ => OnFirstPayload());
        Receive<ListenerReady>(ready =>
        {
            Inbox.Open(ready.Listener);
            if (_ended)
            {
                ReportEnd();
            }
        });
        Receive<FramingFailed>(failed =>
        {
            if (failed.Link is Connection { IsOpen: true } connection)
            {
                Log.LogWarning("closing connection to {Peer}: {Reason}", connection.Peer, failed.Reason);
                _ = connection.CloseAfterFramerFailureAsync(failed.Reason);
            }
        });
        Receive<Status.Failure>(failure => Log.LogDebug("Akka never registered a reader for {Actor}: {Reason}", Self.Path.Name, failure.Cause.Message));
    }

    /// <summary>The association Akka knows, once there is one.</summary>
    protected GossipAssociationHandle? Handle { get; private set; }

    /// <summary>Subscribe each connection's <see cref="Connection.PayloadReceived"/> (or its link's) to <see cref="AssociationInbox.Receive"/>.</summary>
    protected AssociationInbox Inbox { get; }

    protected IActorRef CreateFramer(string mailbox)
    {
        var self = Self;
        return Context.ActorOf(Props.Create(() => new FramerActor(self, FramerActor.DefaultBatchBytes)).WithMailbox(mailbox), "framer");
    }

    /// <summary>The first PDU is waiting in the inbox (an inbound association makes itself known to Akka here).</summary>
    protected virtual void OnFirstPayload()
    {
    }

    /// <summary>Akka registers its reader by completing the handle's source; until then payloads wait in the inbox.</summary>
    protected void AwaitReader(GossipAssociationHandle handle)
    {
        Handle = handle;
        handle.ReadHandlerSource.Task.PipeTo(Self, success: listener => new ListenerReady(listener));
    }

    /// <summary>The connection is gone: tell Akka (now, or as soon as its reader is registered) and stop.</summary>
    protected void End()
    {
        _ended = true;
        if (Handle is null || Inbox.HasReader)
        {
            ReportEnd();
        }
    }

    protected override void PostStop()
    {
        // Stopped by the supervisor or by the system: Akka must not keep writing into a connection nobody reads.
        Inbox.Close();
    }

    private void ReportEnd()
    {
        Inbox.Close();
        Context.Stop(Self);
    }

    private sealed class FirstPayloadArrived
    {
        public static readonly FirstPayloadArrived Instance = new();
    }

    private sealed record ListenerReady(IHandleEventListener Listener);
}
