using Akka.Actor;
using Akka.Remote.Transport;
using Google.Protobuf;

namespace GossipActors.Remote.Transport;

/// <summary>
/// One Akka.Remote association over one of our TCP connections. Akka writes its PDUs here from its endpoint
/// writer's thread; they go straight into the connection's framer (no actor hop), which cuts them into MTU-sized
/// frames, small ones first. Everything else (reading, closing, black holes) is the owning connection actor's.
/// </summary>
internal sealed class GossipAssociationHandle : AssociationHandle
{
    /// <summary>
    /// Bytes queued and not yet on the socket above which <see cref="Write"/> answers false, so Akka's endpoint writer
    /// holds further PDUs (and retries) instead of this process buffering without bound behind a stalled peer.
    /// </summary>
    internal const long WriteHighWaterBytes = 8L * 1024 * 1024;

    private readonly Action<ReadOnlyMemory<byte>> _write;
    private readonly Func<long> _queuedBytes;
    private readonly IActorRef _owner;

    public GossipAssociationHandle(Address localAddress, Address remoteAddress, IActorRef owner, Action<ReadOnlyMemory<byte>> write, Func<long> queuedBytes)
        : base(localAddress, remoteAddress)
    {
        _owner = owner;
        _write = write;
        _queuedBytes = queuedBytes;
    }

    public override bool Write(ByteString payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (_queuedBytes() > WriteHighWaterBytes)
        {
            return false;
        }

        // A payload the connection refuses (over remote.maximum-message-size, or a closed connection) was logged
        // there; answering true drops it, as Akka drops an oversized PDU, instead of retrying it for ever.
        // ByteStrings are immutable: the connection may keep the memory (queued, or for a resend) without a copy.
        _write(payload.Memory);
        return true;
    }

    [Obsolete("Akka's own overload; use Disassociate(string, ILoggingAdapter)")]
    public override void Disassociate() => _owner.Tell(CloseAssociation.Instance, ActorRefs.NoSender);
}

/// <summary>To a connection actor: Akka is done with the association; flush what is queued, then close.</summary>
internal sealed class CloseAssociation
{
    public static readonly CloseAssociation Instance = new();
}
