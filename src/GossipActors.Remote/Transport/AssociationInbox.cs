using Akka.Remote.Transport;
using GossipActors.Remote.Connections;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Transport;

/// <summary>
/// Where one association's inbound PDUs go, called on the read loop of whichever connection carries the association
/// now. A PDU goes straight to Akka's reader, without a hop through the association actor's mailbox (each hop adds
/// its wait to every message). Until Akka registers its reader, PDUs wait here in order; a PDU a resumed link
/// replays after it had in fact arrived is dropped; once the association ends, nothing more reaches Akka.
/// </summary>
internal sealed class AssociationInbox
{
    private readonly object _gate = new();
    private readonly Queue<ReadOnlyMemory<byte>> _early = new();
    private readonly StreamPositions _delivered = new();
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly Action? _firstArrived;
    private IHandleEventListener? _listener;
    private bool _anyArrived;
    private bool _closed;

    /// <param name="firstArrived">Called once, with the first PDU (an inbound association becomes known to Akka then).</param>
    public AssociationInbox(ILogger logger, string name, Action? firstArrived = null)
    {
        _logger = logger;
        _name = name;
        _firstArrived = firstArrived;
    }

    public void Receive(Connection from, SequencedPayload payload)
    {
        bool first;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            if (!_delivered.FirstTime(payload.Sequence))
            {
                _logger.LogDebug("{Association}: dropped payload {Sequence} from {Peer}, delivered before the link resumed", _name, payload.Sequence, from.Peer);
                return;
            }

            // Under the lock: two PDUs must reach Akka in the order they were read.
            if (_listener is { } listener)
            {
                Notify(listener, payload.Pdu);
                return;
            }

            _early.Enqueue(payload.Pdu);
            first = !_anyArrived;
            _anyArrived = true;
        }

        if (first)
        {
            _firstArrived?.Invoke();
        }
    }

    /// <summary>Akka registered its reader: what waited goes to it first, in order.</summary>
    public void Open(IHandleEventListener listener)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            while (_early.TryDequeue(out var payload))
            {
                Notify(listener, payload);
            }

            _listener = listener;
        }
    }

    /// <summary>The association ended: tells Akka once (if it has registered its reader); later PDUs are dropped.</summary>
    public void Close()
    {
        IHandleEventListener? listener;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            listener = _listener;
            _early.Clear();
        }

        listener?.Notify(new Disassociated(DisassociateInfo.Unknown));
    }

    public bool HasReader
    {
        get
        {
            lock (_gate)
            {
                return _listener is not null;
            }
        }
    }

    private static void Notify(IHandleEventListener listener, ReadOnlyMemory<byte> payload) =>
        listener.Notify(new InboundPayload(UnsafeByteOperations.UnsafeWrap(payload)));
}
