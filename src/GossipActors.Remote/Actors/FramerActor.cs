using System.Buffers;
using Akka.Actor;
using GossipActors.Gossip.Actors;
using GossipActors.Protocol.Framing;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Actors;

/// <summary>
/// <c>.../framer</c>, one per connection actor: cuts encoded messages into frames no larger than the connection's
/// frame size (MTU minus IP and TCP headers), urgent ones first so a SYN or heartbeat never waits behind a
/// 37 KB ACK, and rebuilds inbound messages under <c>remote.reassembly-buffer-limit</c>. It talks to the socket
/// pumps and its owner only by messages; a framing violation is logged with the offending value, counted,
/// and reported to the owner, which closes that connection.
/// </summary>
public sealed class FramerActor : GossipActor
{
    /// <summary>Bytes cut per batch: large enough to keep the socket busy, small enough that urgent frames overtake soon.</summary>
    public const int DefaultBatchBytes = 16 * 1024;

    private readonly IActorRef _owner;
    private readonly int _batchBytes;
    private readonly ILogger _logger;
    private readonly List<ReassembledMessage> _completed = [];
    private LinkState? _link;

    public FramerActor(IActorRef owner, ILogger logger, int batchBytes = DefaultBatchBytes)
        : base(loggerFactory: null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchBytes, 1);
        _owner = owner;
        _batchBytes = batchBytes;
        _logger = logger;
        Receive<AttachFraming>(attach =>
        {
            _link = new LinkState(attach);
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
        Receive<FrameBytesReceived>(OnBytes);
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

    private void OnBytes(FrameBytesReceived received)
    {
        if (!IsCurrent(received.Link))
        {
            ReportUnknown(received.Link);
            return;
        }

        var link = _link!;
        _completed.Clear();
        try
        {
            link.Reassembler.Feed(received.Bytes, _completed);
        }
        catch (FramingException error)
        {
            RemoteCounters.IncrementMalformed();
            _logger.LogError("closing connection to {Peer}: malformed input: {Reason}", link.Peer, error.Message);
            _link = null;
            _owner.Tell(new FramingFailed(received.Link, link.Peer, error.Message), Self);
            return;
        }

        var frames = link.Reassembler.FramesCompleted;
        link.Counters?.AddFramesReceived(frames - link.FramesCounted);
        link.FramesCounted = frames;
        if (_completed.Count > 0)
        {
            _owner.Tell(new FramesReassembled(received.Link, _completed.ToArray()), Self);
        }
    }

    private void WriteNextBatch()
    {
        var link = _link;
        if (link is null || link.BatchInFlight || !link.Scheduler.HasPending)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(_batchBytes + (2 * link.Scheduler.MaximumFrameSize));
        var tags = new List<object>();
        var before = link.Scheduler.PendingBytes;
        var frames = link.Scheduler.WriteFrames(buffer, _batchBytes, tags);
        link.Counters?.AddFramesSent(frames);
        link.BatchInFlight = true;
        link.Writer.Write(new FrameBatch(link.Link, buffer.WrittenSpan.ToArray(), frames, before - link.Scheduler.PendingBytes, tags));
    }

    private bool IsCurrent(object link) => _link is not null && ReferenceEquals(_link.Link, link);

    private void ReportUnknown(object link) =>
        _owner.Tell(new FramingFailed(link, "unknown", "no framing state for this connection (it was detached or the framer restarted)"), Self);

    private sealed class LinkState(AttachFraming attach)
    {
        public object Link { get; } = attach.Link;

        public string Peer { get; } = attach.Peer;

        public FrameScheduler Scheduler { get; } = attach.Scheduler;

        public FrameReassembler Reassembler { get; } = attach.Reassembler;

        public IFrameWriter Writer { get; } = attach.Writer;

        public Diagnostics.TransportCounters? Counters { get; } = attach.Counters;

        public long FramesCounted { get; set; } = attach.Reassembler.FramesCompleted;

        public bool BatchInFlight { get; set; }
    }
}
