using Akka.Actor;
using Akka.Remote.Transport;
using GossipActors.Gossip.Actors;
using GossipActors.Remote.Actors;
using GossipActors.Remote.Connections;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// What the outbound and inbound connection actors share: a <c>framer</c> child that owns the connection's frames,
/// and the read side of the Akka association. Payloads that arrive before Akka has registered its reader are held
/// in order and handed over when it does; a connection that ends is reported to Akka exactly once.
/// </summary>
internal abstract class AssociationActor : GossipActor
{
    private readonly Queue<ReadOnlyMemory<byte>> _early = new();
    private readonly StreamPositions _delivered = new();
    private IHandleEventListener? _listener;
    private bool _ended;
    private bool _endReported;

    protected AssociationActor(ILoggerFactory loggers)
        : base(loggers)
    {
        Receive<PayloadArrived>(arrived =>
        {
            if (_delivered.FirstTime(arrived.Payload.Sequence))
            {
                OnPayload(arrived.Payload.Pdu);
            }
            else
            {
                Log.LogDebug("{Actor}: dropped payload {Sequence}, delivered before the link resumed", Self.Path.Name, arrived.Payload.Sequence);
            }
        });
        Receive<ListenerReady>(ready =>
        {
            _listener = ready.Listener;
            while (_early.TryDequeue(out var payload))
            {
                Notify(payload);
            }

            if (_ended)
            {
                ReportEnd();
            }
        });
        Receive<FramesReassembled>(reassembled =>
        {
            if (reassembled.Link is Connection { IsOpen: true } connection)
            {
                connection.Deliver(reassembled.Messages);
            }
        });
        Receive<FramingFailed>(failed =>
        {
            if (failed.Link is Connection { IsOpen: true } connection)
            {
                _ = connection.CloseAfterFramingFailureAsync(failed.Reason);
            }
        });
        Receive<Status.Failure>(failure => Log.LogDebug("Akka never registered a reader for {Actor}: {Reason}", Self.Path.Name, failure.Cause.Message));
    }

    /// <summary>The association Akka knows, once there is one.</summary>
    protected GossipAssociationHandle? Handle { get; private set; }

    protected IActorRef CreateFramer(ILogger framerLog, string mailbox)
    {
        var self = Self;
        return Context.ActorOf(Props.Create(() => new FramerActor(self, framerLog, FramerActor.DefaultBatchBytes)).WithMailbox(mailbox), "framer");
    }

    protected virtual void OnPayload(ReadOnlyMemory<byte> payload)
    {
        if (_listener is null)
        {
            _early.Enqueue(payload);
        }
        else
        {
            Notify(payload);
        }
    }

    /// <summary>Akka registers its reader by completing the handle's source; until then payloads wait here.</summary>
    protected void AwaitReader(GossipAssociationHandle handle)
    {
        Handle = handle;
        handle.ReadHandlerSource.Task.PipeTo(Self, success: listener => new ListenerReady(listener));
    }

    /// <summary>The connection is gone: tell Akka (now, or as soon as its reader is registered) and stop.</summary>
    protected void End()
    {
        _ended = true;
        if (Handle is null || _listener is not null)
        {
            ReportEnd();
        }
    }

    protected override void PostStop()
    {
        // Stopped by the supervisor or by the system: Akka must not keep writing into a connection nobody reads.
        if (!_endReported && _listener is not null)
        {
            _endReported = true;
            _listener.Notify(new Disassociated(DisassociateInfo.Unknown));
        }
    }

    private void ReportEnd()
    {
        if (!_endReported)
        {
            _endReported = true;
            _listener?.Notify(new Disassociated(DisassociateInfo.Unknown));
        }

        Context.Stop(Self);
    }

    private void Notify(ReadOnlyMemory<byte> payload) => _listener!.Notify(new InboundPayload(UnsafeByteOperations.UnsafeWrap(payload)));

    protected sealed record PayloadArrived(SequencedPayload Payload);

    private sealed record ListenerReady(IHandleEventListener Listener);
}
