using System.Buffers;
using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Protocol.Framing;

namespace GossipActors.Remote.Actors;

/// <summary>
/// <c>.../framer</c>, one per connection actor: cuts encoded messages into frames no larger than the connection's
/// frame size (MTU minus IP and TCP headers), urgent ones first so a SYN or heartbeat never waits behind a
/// 37 KB ACK. It talks to the write pump and its owner only by messages. Each connection's batches are cut into one
/// buffer that is reused once the pump reports it written, so carrying a message costs no allocation per batch.
/// Inbound frames are not its work: the connection's read loop rebuilds them where they arrive.
/// </summary>
public sealed class FramerActor : GossipActor
{
    /// <summary>Bytes cut per batch: large enough to keep the socket busy, small enough that urgent frames overtake soon.</summary>
    public const int DefaultBatchBytes = 16 * 1024;

    private readonly IActorRef _owner;
    private readonly int _batchBytes;
    private LinkState? _link;

    public FramerActor(IActorRef owner, int batchBytes = DefaultBatchBytes)
        : base(loggerFactory: null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchBytes, 1);
        _owner = owner;
        _batchBytes = batchBytes;
        Receive<AttachFraming>(attach =>
        {
            _link = new LinkState(attach, _batchBytes);
            WriteNextBatch();
        });
        Receive<DetachFraming>(detach =>
        {
            if (IsCurrent(detach.Link))
            {
                _link = null;
            }
        });
        Receive<FrameOutgoing>(OnOutgoing);
        Receive<FramesWritten>(written =>
        {
            if (IsCurrent(written.Link))
            {
                _link!.BatchInFlight = false;
                WriteNextBatch();
            }
        });
    }

    private void OnOutgoing(FrameOutgoing outgoing)
    {
        if (!IsCurrent(outgoing.Link))
        {
            ReportUnknown(outgoing.Link);
            return;
        }

        var scheduler = _link!.Scheduler;
        scheduler.Enqueue(outgoing.Payload, scheduler.Classify(outgoing.Payload.Length, outgoing.Control), outgoing.Compressed, outgoing.Tag);
        WriteNextBatch();
    }

    private void WriteNextBatch()
    {
        var link = _link;
        if (link is null || link.BatchInFlight || !link.Scheduler.HasPending)
        {
            return;
        }

        // The previous batch is written (BatchInFlight was cleared by FramesWritten), so its buffer is free again.
        var buffer = link.Buffer;
        buffer.Clear();
        var tags = new List<object>();
        var before = link.Scheduler.PendingBytes;
        var frames = link.Scheduler.WriteFrames(buffer, _batchBytes, tags);
        link.Counters?.AddFramesSent(frames);
        link.BatchInFlight = true;
        link.Writer.Write(new FrameBatch(link.Link, buffer.WrittenMemory, frames, before - link.Scheduler.PendingBytes, tags));
    }

    private bool IsCurrent(object link) => _link is not null && ReferenceEquals(_link.Link, link);

    private void ReportUnknown(object link) =>
        _owner.Tell(new FramingFailed(link, "unknown", "no framing state for this connection (it was detached or the framer restarted)"), Self);

    private sealed class LinkState(AttachFraming attach, int batchBytes)
    {
        public object Link { get; } = attach.Link;

        public string Peer { get; } = attach.Peer;

        public FrameScheduler Scheduler { get; } = attach.Scheduler;

        public IFrameWriter Writer { get; } = attach.Writer;

        public Diagnostics.TransportCounters? Counters { get; } = attach.Counters;

        public ArrayBufferWriter<byte> Buffer { get; } = new(batchBytes + (2 * attach.Scheduler.MaximumFrameSize));

        public bool BatchInFlight { get; set; }
    }
}
