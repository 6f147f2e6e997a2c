using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Akka.Actor;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Codec.Compact;
using GossipActors.Protocol.Framing;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Security;
using GossipActors.Protocol.Text;
using GossipActors.Remote.Actors;
using GossipActors.Remote.Diagnostics;
using GossipActors.Remote.Sockets;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Connections;

/// <summary>
/// One established TCP connection (plain or TLS): handshake (with <c>remote.keyring</c>, both sides' proofs of a
/// shared key), framing, codec, compression, per-message seals with a keyring, idle keep-alive and black-hole
/// detection. Thread-safe for <see cref="Send"/>; inbound messages are handed to <see cref="MessageReceived"/>.
/// Errors never escape: they close this connection with a logged reason and <see cref="Closed"/> fires once.
/// The handshake (and any connection no actor owns: probes, tests, benchmarks) cuts frames inline. Once a connection
/// actor calls <see cref="AttachFramer"/>, its <see cref="FramerActor"/> owns the outbound scheduler and the write
/// pump only writes the batches it cuts. Inbound frames are always rebuilt on the read loop, which hands each whole
/// message straight to <see cref="MessageReceived"/> or <see cref="PayloadReceived"/>: a hop through an actor's
/// mailbox there would add its wait to every message's latency and a copy of every read.
/// </summary>
public sealed class Connection : IAsyncDisposable, IFrameWriter
{
    private const int ReadBufferSize = 64 * 1024;

    /// <summary>A connection starts reading into this much and doubles when a read fills it: a peer that sends little costs little.</summary>
    private const int InitialReadBufferSize = 4 * 1024;
    private const int WriteBatchBytes = 16 * 1024;
    private const int MaximumUnclaimedMessages = 1024;

    /// <summary>The most handshake messages that can be waiting: a listener receives two (Hello, KeyringOffer) before it answers.</summary>
    private const int MaximumHandshakeMessages = 4;

    /// <summary>How long a clean close waits for the peer's end of stream after half-closing ours.</summary>
    private static readonly TimeSpan GracefulCloseWait = TimeSpan.FromMilliseconds(250);

    private readonly Socket _socket;
    private readonly Stream _stream;
    private readonly RemoteSettings _settings;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly WireCodec _codec;

    // This connection's compact gossip, one table per direction: they start empty with the connection and die with
    // it, so a reconnect resets both ends. Encoding and queueing happen under _compactOrder, so the peer decodes the
    // compact messages in the order they were encoded (they go through the scheduler's urgent queue, which keeps it).
    private readonly CompactGossipEncoder _compactOut;
    private readonly CompactGossipDecoder _compactIn = new();
    private readonly object _compactOrder = new();
    private readonly FrameScheduler _scheduler;
    private readonly FrameReassembler _reassembler;
    private readonly StallDetector _stallDetector;
    private readonly object _gate = new();

    /// <summary>Orders the read loop's feeding of the reassembler with the monitor's look for a message that makes no progress.</summary>
    private readonly object _reassemblyGate = new();
    private readonly SemaphoreSlim _writeSignal = new(0);
    private readonly CancellationTokenSource _cancel = new();
    private readonly Channel<ControlMessage> _handshakeMessages = Channel.CreateBounded<ControlMessage>(
        new BoundedChannelOptions(MaximumHandshakeMessages) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _peerClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<OutgoingRecord> _pending = [];
    private readonly List<OutgoingRecord> _recentlyWritten = [];
    private readonly Queue<FrameBatch> _batches = new();
    private IActorRef? _framer;
    private long _framerPendingBytes;
    private Action<Connection, IGossipMessage>? _messageReceived;
    private List<IGossipMessage>? _unclaimed = [];
    private Action<Connection, SequencedPayload>? _payloadReceived;
    private List<SequencedPayload>? _unclaimedPayloads = [];
    private bool _compress;
    private bool _carriesGossip;

    // With a keyring: what this side sends is sealed from its proof on (_sealer, under _gate), what the peer sends is
    // opened from the peer's proof on (_opener, read loop). A dialer's opener waits in _pendingOpener until the
    // listener's KeyringAccepted, the last message it sends unsealed.
    private MessageSealer? _sealer;
    private MessageOpener? _opener;
    private MessageOpener? _pendingOpener;
    private bool _handshakeDone;
    private bool _lastReadFilledBuffer;
    private long _lastWriteMs;
    private int _closing;
    private int _writesInProgress;
    private long _bytesSent;

    // BytesSent when the stall detector last saw nothing in flight on a plain socket; -1 when something may be.
    private long _quietAtBytesSent = -1;
    private long _bytesReceived;
    private long _framesCounted;

    internal Connection(Socket socket, Stream stream, RemoteSettings settings, ILogger logger, TimeProvider time, bool outbound, int? clampedMtu)
    {
        _socket = socket;
        _stream = stream;
        _settings = settings;
        _logger = logger;
        _time = time;
        Outbound = outbound;
        ClampedMtu = clampedMtu;
        RemoteEndPoint = socket.RemoteEndPoint as IPEndPoint ?? new IPEndPoint(IPAddress.None, 0);
        Peer = FormatEndPoint(RemoteEndPoint);
        var ipv6 = socket.AddressFamily == AddressFamily.InterNetworkV6 && !RemoteEndPoint.Address.IsIPv4MappedToIPv6;
        _codec = new WireCodec(settings.CodecLimits);
        _compactOut = new CompactGossipEncoder(settings.CodecLimits);
        ProtocolVersion = WireFormat.OldestProtocolVersion;
        _scheduler = new FrameScheduler(FrameFormat.MaximumFrameSize(clampedMtu ?? settings.Mtu, ipv6), !settings.InOrder);
        // Until the peer completes the handshake it is a stranger: its messages may declare only a small budget.
        _reassembler = new FrameReassembler(
            settings.MaximumMessageSize,
            Math.Min(settings.UnauthenticatedBufferLimit, settings.ReassemblyBufferLimit),
            "remote.unauthenticated-buffer-limit");
        _stallDetector = new StallDetector(settings.StallTimeout);
        _lastWriteMs = NowMs;
    }

    /// <summary>
    /// A gossip message arrived (called on the read loop or the connection actor; keep it short or hand it off).
    /// The peer may send as soon as it has our handshake answer, before whoever accepted us subscribes: messages
    /// arriving before the first subscriber are kept (up to a bound) and handed to it when it subscribes.
    /// </summary>
    public event Action<Connection, IGossipMessage>? MessageReceived
    {
        add
        {
            List<IGossipMessage>? early;
            lock (_gate)
            {
                _messageReceived += value;
                early = _unclaimed;
                _unclaimed = null;
            }

            foreach (var message in early ?? [])
            {
                value?.Invoke(this, message);
            }
        }

        remove
        {
            lock (_gate)
            {
                _messageReceived -= value;
            }
        }
    }

    /// <summary>
    /// An opaque payload (an Akka.Remote PDU) arrived. Payloads arriving before the first subscriber are kept (up to
    /// a bound) and handed to it as it subscribes, under the same lock that orders later ones: the first PDU of an
    /// association must be the first the layer above sees.
    /// </summary>
    public event Action<Connection, SequencedPayload>? PayloadReceived
    {
        add
        {
            lock (_gate)
            {
                _payloadReceived += value;
                foreach (var payload in _unclaimedPayloads ?? [])
                {
                    value?.Invoke(this, payload);
                }

                _unclaimedPayloads = null;
            }
        }

        remove
        {
            lock (_gate)
            {
                _payloadReceived -= value;
            }
        }
    }

    /// <summary>Large writes stopped making progress while small ones had passed (seed 000).</summary>
    public event Action<Connection, BlackHoleFinding>? Stalled;

    /// <summary>The connection closed; the exception is the reason, null for a clean close.</summary>
    public event Action<Connection, Exception?>? Closed;

    /// <summary>The peer's socket address, e.g. <c>10.77.2.2:7000</c> or <c>[::1]:7000</c>.</summary>
    public string Peer { get; }

    public IPEndPoint RemoteEndPoint { get; }

    public bool Outbound { get; }

    /// <summary>The MTU the TCP segment size was clamped for, if any.</summary>
    public int? ClampedMtu { get; }

    /// <summary>The remote's identity from the handshake (dialer's Hello, or listener's HelloAccepted).</summary>
    public Hello? RemoteHello { get; private set; }

    public HelloAccepted? RemoteAccepted { get; private set; }

    /// <summary>
    /// The protocol version both sides speak on this connection (<see cref="WireFormat.Negotiate"/>): what the messages
    /// sent here may carry (<see cref="ProtocolDowngrade"/>) and how the compact encoding writes them. Known once the
    /// handshake is done.
    /// </summary>
    public ushort ProtocolVersion
    {
        get => _protocolVersion;
        private set
        {
            _protocolVersion = value;
            _compactOut.PeerProtocolVersion = value;
            _compactIn.PeerProtocolVersion = value;
        }
    }

    private ushort _protocolVersion = WireFormat.OldestProtocolVersion;

    /// <summary>The dialer's link this connection belongs to (sent in the Hello); empty for a one-off connection.</summary>
    public Guid LinkId { get; internal set; }

    public string? RemoteDataCenter => RemoteHello?.DataCenter ?? RemoteAccepted?.DataCenter;

    public BlackHoleFinding? StallFinding { get; private set; }

    public long MessagesSent { get; private set; }

    public long MessagesReceived { get; private set; }

    public long MalformedFrames { get; private set; }

    /// <summary>Bytes written to and read from the stream (after TLS, before TCP).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The peer's traffic record: set by the dialer, or by the handshake for accepted connections.</summary>
    internal PeerTraffic? Traffic { get; set; }

    public Task Completion => _closed.Task;

    public bool IsOpen => Volatile.Read(ref _closing) == 0;

    public int MaximumFrameSize => _scheduler.MaximumFrameSize;

    /// <summary>
    /// Set on connections that carry gossip (a gossip link, or a peer's gossip link accepted here). They send no idle
    /// keep-alive (<c>remote.idle-keepalive-interval</c>): gossip rounds keep them busy, and a keep-alive on each of a
    /// node's gossip connections would cost more bytes than the gossip itself. And they ask the kernel to delay ACKs,
    /// so one ACK covers a round's SYN and ACK2 (docs/performance.md, "Bytes on the wire").
    /// </summary>
    public bool CarriesGossip
    {
        get => Volatile.Read(ref _carriesGossip);
        set
        {
            if (value && !Volatile.Read(ref _carriesGossip))
            {
                Volatile.Write(ref _carriesGossip, true);
                SocketTuning.DelayAcks(_socket);
            }
        }
    }

    /// <summary>Whether messages on this connection are compressed (<c>remote.compression</c> and the peer's data centre).</summary>
    public bool IsCompressing => _compress;

    private long NowMs => _time.GetTimestamp() * 1000 / _time.TimestampFrequency;

    public TcpInfo? ReadTcpInfo() => SocketTuning.ReadTcpInfo(_socket);

    /// <summary>
    /// Queues a gossip message; false (and a log line) when it cannot be encoded or the connection is closed. A SYN, ACK
    /// or ACK2 of at most <see cref="CompactGossipFormat.MaximumFrames"/> frames goes in the compact encoding against
    /// this connection's table; anything larger goes in the stateless format as bulk, so a large state transfer never
    /// holds up the small messages queued behind it.
    /// </summary>
    public bool Send(IGossipMessage message) => Send(message, CompactGossipFormat.Budget(MaximumFrameSize - FrameFormat.FirstFrameHeaderSize), orStateless: true);

    /// <summary>
    /// Queues <paramref name="message"/> only if its compact form takes at most <paramref name="maximumBytes"/>; false,
    /// with nothing queued and the table unchanged, when it is larger (or the connection is closed).
    /// </summary>
    public bool TrySendSmall(IGossipMessage message, int maximumBytes) => Send(message, maximumBytes, orStateless: false);

    private bool Send(IGossipMessage message, int compactBudget, bool orStateless)
    {
        ArgumentNullException.ThrowIfNull(message);
        message = ProtocolDowngrade.ForPeer(message, ProtocolVersion);
        lock (_compactOrder)
        {
            byte[] payload;
            bool compact;
            try
            {
                var compactPayload = _compactOut.TryEncode(message, compactBudget);
                compact = compactPayload is not null;
                if (!compact && !orStateless)
                {
                    return false;
                }

                payload = compactPayload ?? _codec.Encode(message);
            }
            catch (CodecException error)
            {
                _logger.LogWarning("dropping {Message} to {Peer}: {Reason}", message.GetType().Name, Peer, error.Message);
                return false;
            }

            // Compact messages, SYN, echo, heartbeat, watch and shutdown always go first (in order: the urgent queue is first
            // in, first out); a stateless ACK or ACK2 only when it fits in one frame, so a large state transfer never
            // holds up a round opener or a liveness check.
            var control = compact || message is GossipDigestSyn or Echo or EchoReply or GossipShutdown or GossipHeartbeat or GossipWatch;
            var queued = Enqueue(payload, control, new OutgoingRecord(message));
            if (queued)
            {
                Traffic?.RecordSent(payload.Length);
            }

            return queued;
        }
    }

    /// <summary>
    /// Queues an opaque payload (an Akka.Remote PDU) for the peer. Small payloads are urgent, so a heartbeat or a
    /// 200-byte message overtakes the rest of a large one; false when it exceeds remote.maximum-message-size or the
    /// connection is closed.
    /// </summary>
    public bool SendPayload(ReadOnlyMemory<byte> payload) => SendPayload(new SequencedPayload(0, payload));

    /// <summary>As <see cref="SendPayload(ReadOnlyMemory{byte})"/>, with the payload's place in its link's stream.</summary>
    public bool SendPayload(SequencedPayload sequenced)
    {
        var payload = sequenced.Pdu;
        byte[] framed;
        try
        {
            framed = _codec.EncodePayload(payload.Span, sequenced.Sequence);
        }
        catch (CodecException error)
        {
            _logger.LogWarning("dropping a {Size}-byte payload to {Peer}: {Reason}", payload.Length, Peer, error.Message);
            return false;
        }

        var queued = Enqueue(framed, control: false, new OutgoingRecord(sequenced));
        if (queued)
        {
            Traffic?.RecordSent(framed.Length);
        }

        return queued;
    }

    /// <summary>Queues what <see cref="TakeUnconfirmed"/> returned: a gossip message or an opaque payload.</summary>
    internal bool Resend(object message) => message switch
    {
        IGossipMessage gossip => Send(gossip),
        SequencedPayload payload => SendPayload(payload),
        _ => throw new ArgumentException($"{message.GetType().Name} is neither a gossip message nor a payload", nameof(message)),
    };

    /// <summary>Bytes handed to the connection and not yet written to the socket.</summary>
    public long QueuedBytes
    {
        get
        {
            lock (_gate)
            {
                return _framer is null ? _scheduler.PendingBytes : _framerPendingBytes;
            }
        }
    }

    internal bool SendControl(ControlMessage message)
    {
        ControlQueued?.Invoke(this, message);
        return Enqueue(_codec.Encode(message), control: true, tag: null);
    }

    /// <summary>Told of every control message as it is queued, with the connection's state at that moment (tests).</summary>
    internal Action<Connection, ControlMessage>? ControlQueued { get; set; }

    /// <summary>Whether this side has completed the handshake and accepts payloads.</summary>
    internal bool HandshakeDone => Volatile.Read(ref _handshakeDone);

    /// <summary>
    /// Messages (gossip messages or opaque payloads) that may not have reached the peer: still queued, or written
    /// since the last acknowledged progress.
    /// </summary>
    public IReadOnlyList<object> TakeUnconfirmed()
    {
        lock (_gate)
        {
            var since = _stallDetector.ProgressAtMs - (long)_settings.StallCheckInterval.TotalMilliseconds;
            var result = _recentlyWritten.Where(r => r.WrittenAtMs >= since).Concat(_pending).Select(r => r.Message).ToList();
            _recentlyWritten.Clear();
            _pending.Clear();
            return result;
        }
    }

    /// <summary>
    /// Hands outbound framing to <paramref name="framer"/>: the scheduler (with frames still queued) moves to it, and
    /// from now on every message to send goes to it. Attaching the same framer again does nothing.
    /// </summary>
    internal void AttachFramer(IActorRef framer)
    {
        ArgumentNullException.ThrowIfNull(framer);
        lock (_gate)
        {
            if (_framer is not null)
            {
                if (_framer.Equals(framer))
                {
                    return;
                }

                throw new InvalidOperationException($"connection to {Peer} already has a framer ({_framer.Path})");
            }

            // Told under the lock: whatever the pumps tell the framer after this arrives after the attach.
            _framer = framer;
            _framerPendingBytes = _scheduler.PendingBytes;
            framer.Tell(new AttachFraming(this, Peer, _scheduler, this, _settings.Counters), ActorRefs.NoSender);
        }

        if (!IsOpen)
        {
            framer.Tell(new DetachFraming(this), ActorRefs.NoSender);
        }
    }

    /// <summary>The framer could not serve this connection (it logged why): close with that reason.</summary>
    internal Task CloseAfterFramerFailureAsync(string reason) => CloseAsync(new IOException(reason));

    void IFrameWriter.Write(FrameBatch batch)
    {
        lock (_gate)
        {
            _batches.Enqueue(batch);
        }

        _writeSignal.Release();
    }

    internal void Start()
    {
        _ = RunGuardedAsync(ReadLoopAsync);
        _ = RunGuardedAsync(WriteLoopAsync);
        var checks = SharedTicker.Subscribe(_settings.StallCheckClock ?? _time, _settings.StallCheckInterval, CheckProgress);
        _cancel.Token.Register(static state => ((IDisposable)state!).Dispose(), checks);
    }

    /// <summary>
    /// Dialer side: send Hello and the keyring offer, wait for the verdict; with a keyring, check the listener's proof
    /// and give ours. Throws <see cref="HandshakeRejectedException"/> with the reason when either side refuses.
    /// </summary>
    /// <param name="protocolVersion">The version to offer: ours, or an older listener's after it refused ours.</param>
    internal async Task HandshakeAsDialerAsync(CancellationToken cancellationToken, ushort protocolVersion = WireFormat.ProtocolVersion)
    {
        var hello = new Hello(
            WireFormat.Magic,
            protocolVersion,
            _settings.ClusterName,
            _settings.Address,
            _settings.HostId,
            _settings.Generation,
            _settings.DataCenter,
            _settings.Tls.Enabled,
            LinkId);
        var offer = new KeyringOffer(_settings.Keyring is not null, KeyringHandshake.NewNonce());
        SendControl(hello);
        SendControl(offer);
        var reply = await WaitForHandshakeAsync(cancellationToken);
        switch (reply)
        {
            case HelloAccepted accepted:
                // A listener older than protocol 6 answers with its own version whatever we offered: the lower one is spoken.
                ProtocolVersion = Math.Min(protocolVersion, accepted.ProtocolVersion);
                if (_settings.Keyring is { } keyring)
                {
                    await ProveAsDialerAsync(keyring, hello, offer, accepted, cancellationToken);
                }

                _logger.LogDebug("connected to {Peer} ({Remote}, data centre {Dc})", Peer, accepted.Sender, accepted.DataCenter);
                return;
            case HelloRejected rejected:
                throw await RefusedByPeerAsync(rejected, protocolVersion);
            default:
                throw await FailAsync($"{Peer} answered the handshake with {reply.GetType().Name}");
        }
    }

    private async Task ProveAsDialerAsync(Keyring keyring, Hello hello, KeyringOffer offer, HelloAccepted accepted, CancellationToken cancellationToken)
    {
        var challenge = await WaitForHandshakeAsync(cancellationToken) switch
        {
            KeyringChallenge c => c,
            HelloRejected rejected => throw await RefusedByPeerAsync(rejected),
            var other => throw await FailAsync($"{Peer} sent {other.GetType().Name} where its keyring proof belongs"),
        };
        var transcript = KeyringHandshake.Transcript(_codec.Encode(hello), _codec.Encode(offer), _codec.Encode(accepted), challenge.Nonce);
        if (KeyringHandshake.FindKey(keyring, HandshakeRole.Listener, transcript, challenge.Proof) is not { } peerKey)
        {
            var rejection = HandshakePolicy.NoSharedKey();
            var line = $"refused {Peer} ({LogText.Escape(accepted.Sender.ToString())}) after dialling it: {rejection.Reason}: {rejection.Detail}";
            LogRefusal(line);
            await RejectAndCloseAsync(rejection);
            throw new HandshakeRejectedException(rejection, line);
        }

        Volatile.Write(ref _pendingOpener, KeyringHandshake.Opener(keyring, peerKey, HandshakeRole.Listener, transcript));
        var proof = new KeyringProof(KeyringHandshake.Prove(keyring, HandshakeRole.Dialer, transcript));
        Enqueue(_codec.Encode(proof), control: true, tag: null, KeyringHandshake.Sealer(keyring, HandshakeRole.Dialer, transcript));
        switch (await WaitForHandshakeAsync(cancellationToken))
        {
            case KeyringAccepted:
                _logger.LogDebug("{Peer} proved it holds key {Theirs}; this node seals with {Ours}", Peer, keyring.Fingerprints[peerKey], keyring.PrimaryFingerprint);
                return;
            case HelloRejected rejected:
                throw await RefusedByPeerAsync(rejected);
            case var other:
                throw await FailAsync($"{Peer} sent {other.GetType().Name} where its verdict on our keyring proof belongs");
        }
    }

    /// <summary>The peer refused us: log its reason (keyring refusals once a minute per address), close, and say why.</summary>
    /// <param name="offered">The protocol version our Hello offered: a refusal of it by an older listener is not an error, the dialer tries again with the listener's.</param>
    private async Task<HandshakeRejectedException> RefusedByPeerAsync(HelloRejected rejected, ushort offered = WireFormat.ProtocolVersion)
    {
        var line = HandshakePolicy.Describe(rejected, Peer, weRejected: false);
        if (HandshakePolicy.FallbackVersion(rejected, offered) is not null)
        {
            _logger.LogDebug("{Line}", line);
        }
        else if (HandshakePolicy.IsKeyring(rejected.Reason))
        {
            LogRefusal(line);
        }
        else
        {
            _logger.LogError("{Line}", line);
        }

        await CloseAsync(null);
        return new HandshakeRejectedException(rejected, line);
    }

    /// <summary>
    /// Listener side: wait for Hello and the keyring offer, check them, accept or reject with a reason; with a keyring,
    /// give our proof and check the dialer's before anything else is accepted. False when either side refused.
    /// </summary>
    /// <param name="resumes">Whether this node still holds the association of a Hello's link (the connection then continues it).</param>
    internal async Task<bool> HandshakeAsListenerAsync(CancellationToken cancellationToken, Func<Guid, bool>? resumes = null)
    {
        var first = await WaitForHandshakeAsync(cancellationToken);
        if (first is not Hello hello)
        {
            throw await FailAsync($"{Peer} opened with {first.GetType().Name} instead of a handshake");
        }

        var rejection = HandshakePolicy.Check(hello, _settings);
        if (rejection is not null)
        {
            var who = WireFormat.Speaks(hello.ProtocolVersion) ? $"{Peer} ({hello.Sender})" : Peer;
            _logger.LogError("{Line}", HandshakePolicy.Describe(rejection, who, weRejected: true));
            await RejectAndCloseAsync(rejection);
            return false;
        }

        var second = await WaitForHandshakeAsync(cancellationToken);
        if (second is not KeyringOffer offer)
        {
            throw await FailAsync($"{Peer} sent {second.GetType().Name} where its keyring offer belongs");
        }

        rejection = HandshakePolicy.CheckKeyring(offer, _settings);
        if (rejection is not null)
        {
            LogRefusal(HandshakePolicy.Describe(rejection, $"{Peer} ({hello.Sender})", weRejected: true));
            await RejectAndCloseAsync(rejection);
            return false;
        }

        RemoteHello = hello;
        LinkId = hello.LinkId;
        Traffic ??= _settings.Counters?.For(hello.Sender);
        var resumed = hello.LinkId != Guid.Empty && resumes is not null && resumes(hello.LinkId);
        ProtocolVersion = WireFormat.Negotiate(hello.ProtocolVersion);
        var accepted = new HelloAccepted(ProtocolVersion, _settings.Address, _settings.HostId, _settings.Generation, _settings.DataCenter, resumed);
        if (_settings.Keyring is { } keyring)
        {
            SendControl(accepted);
            if (!await ProveAsListenerAsync(keyring, hello, offer, accepted, cancellationToken))
            {
                return false;
            }
        }
        else
        {
            // Done before HelloAccepted leaves: the dialer sends its first payload the moment it reads it, and this
            // thread may not run again before the read loop has that payload (16 nodes starting on 2 cores refused
            // each other's associations that way, and Akka gated the address for a second).
            CompleteHandshake();
            SendControl(accepted);
        }

        _logger.LogDebug("accepted {Peer} ({Remote}, data centre {Dc})", Peer, hello.Sender, hello.DataCenter);
        return true;
    }

    private async Task<bool> ProveAsListenerAsync(Keyring keyring, Hello hello, KeyringOffer offer, HelloAccepted accepted, CancellationToken cancellationToken)
    {
        var nonce = KeyringHandshake.NewNonce();
        var transcript = KeyringHandshake.Transcript(_codec.Encode(hello), _codec.Encode(offer), _codec.Encode(accepted), nonce);
        SendControl(new KeyringChallenge(nonce, KeyringHandshake.Prove(keyring, HandshakeRole.Listener, transcript)));
        var answer = await WaitForHandshakeAsync(cancellationToken);
        if (answer is HelloRejected refused)
        {
            LogRefusal(HandshakePolicy.Describe(refused, $"{Peer} ({hello.Sender})", weRejected: false));
            await CloseAsync(null);
            return false;
        }

        if (answer is not KeyringProof proof)
        {
            throw await FailAsync($"{Peer} sent {answer.GetType().Name} where its keyring proof belongs");
        }

        if (KeyringHandshake.FindKey(keyring, HandshakeRole.Dialer, transcript, proof.Proof) is not { } peerKey)
        {
            var rejection = HandshakePolicy.NoSharedKey();
            LogRefusal(HandshakePolicy.Describe(rejection, $"{Peer} ({hello.Sender})", weRejected: true));
            await RejectAndCloseAsync(rejection);
            return false;
        }

        // Opener and "done" before KeyringAccepted leaves: the dialer seals everything after it, at once.
        Volatile.Write(ref _opener, KeyringHandshake.Opener(keyring, peerKey, HandshakeRole.Dialer, transcript));
        CompleteHandshake();
        Enqueue(_codec.Encode(new KeyringAccepted()), control: true, tag: null, KeyringHandshake.Sealer(keyring, HandshakeRole.Listener, transcript));
        _logger.LogDebug("{Peer} proved it holds key {Theirs}; this node seals with {Ours}", Peer, keyring.Fingerprints[peerKey], keyring.PrimaryFingerprint);
        return true;
    }

    /// <summary>A keyring refusal's line, at most once a minute per address: a peer without the key retries for ever.</summary>
    private void LogRefusal(string line)
    {
        if (_settings.Refusals.ShouldLog(RemoteEndPoint.Address, NowMs, out var unlogged))
        {
            _logger.LogError("{Line}{Unlogged}", line, RefusalLog.Unlogged(unlogged));
        }
    }

    /// <summary>Sends a rejection and closes once it is written (used before and during the handshake).</summary>
    internal async Task RejectAndCloseAsync(HelloRejected rejection)
    {
        SendControl(rejection);
        await FlushAsync(TimeSpan.FromSeconds(2));
        await CloseAsync(null);
    }

    /// <summary>Waits until everything queued has been handed to the socket, or the timeout passes.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = NowMs + (long)timeout.TotalMilliseconds;
        while (IsOpen && NowMs < deadline)
        {
            lock (_gate)
            {
                var queued = _framer is null ? _scheduler.HasPending : _framerPendingBytes > 0 || _batches.Count > 0;
                if (!queued && _writesInProgress == 0)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), _time);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync(null);

    public async Task CloseAsync(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            await _closed.Task;
            return;
        }

        if (reason is null && HandshakeDone && !_peerClosed.Task.IsCompleted)
        {
            await HalfCloseAsync();
        }

        await _cancel.CancelAsync();
        IActorRef? framer;
        lock (_gate)
        {
            framer = _framer;
        }

        framer?.Tell(new DetachFraming(this), ActorRefs.NoSender);
        _handshakeMessages.Writer.TryComplete(reason ?? new IOException($"connection to {Peer} closed"));
        DisposeSessionKeys();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing left to shut down.
        }
        catch (ObjectDisposedException)
        {
            // Closed concurrently.
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
        Closed?.Invoke(this, reason);
        _closed.TrySetResult();
    }

    /// <summary>
    /// The sealer goes under the lock that uses it (a send racing the close then goes unsealed into a queue that is
    /// never written). The openers are disposed where they are: a read racing this fails as a closed connection would.
    /// </summary>
    private void DisposeSessionKeys()
    {
        lock (_gate)
        {
            _sealer?.Dispose();
            _sealer = null;
        }

        Volatile.Read(ref _opener)?.Dispose();
        Volatile.Read(ref _pendingOpener)?.Dispose();
    }

    /// <summary>
    /// Ends our direction and lets the read loop drain until the peer ends its own (briefly): closing a socket with
    /// unread bytes in its receive buffer makes the kernel send a reset, which throws away whatever our send buffer
    /// still holds, such as a shutdown announcement or Akka's last PDUs.
    /// </summary>
    private async Task HalfCloseAsync()
    {
        try
        {
            if (_stream is System.Net.Security.SslStream tls)
            {
                await tls.ShutdownAsync();
            }

            _socket.Shutdown(SocketShutdown.Send);
        }
        // OpenSSL refuses to send close_notify when the peer's application data came in after it was asked to (its
        // "application data after close notify"): the graceful end is skipped and the connection closed all the same.
        catch (Exception error) when (error is SocketException or ObjectDisposedException or IOException or InvalidOperationException
                                          or System.Security.Cryptography.CryptographicException)
        {
            return;
        }

        await Task.WhenAny(_peerClosed.Task, Task.Delay(GracefulCloseWait, _time));
    }

    /// <param name="sealFromNowOn">With a keyring: the sealer for every message after this one, installed under the same lock so nothing slips between unsealed.</param>
    private bool Enqueue(byte[] payload, bool control, OutgoingRecord? tag, MessageSealer? sealFromNowOn = null)
    {
        if (!IsOpen)
        {
            return false;
        }

        var compressed = false;
        if (_compress)
        {
            var smaller = MessageCompressor.TryCompress(payload);
            if (smaller is not null)
            {
                payload = smaller;
                compressed = true;
            }
        }

        bool inline;
        lock (_gate)
        {
            // Compressed, then sealed: the tag covers the bytes on the wire, and is checked before any decompression.
            if (_sealer is { } sealer)
            {
                payload = sealer.Seal(payload, compressed);
            }

            if (sealFromNowOn is not null)
            {
                _sealer = sealFromNowOn;
            }

            inline = _framer is null;
            if (_framer is { } framer)
            {
                _framerPendingBytes += payload.Length;
                framer.Tell(new FrameOutgoing(this, payload, control, compressed, tag), ActorRefs.NoSender);
            }
            else
            {
                _scheduler.Enqueue(payload, _scheduler.Classify(payload.Length, control), compressed, tag);
            }

            if (tag is not null)
            {
                _pending.Add(tag);
            }
        }

        if (inline)
        {
            _writeSignal.Release();
        }

        return true;
    }

    private void CompleteHandshake()
    {
        _compress = _settings.Compression switch
        {
            CompressionMode.All => true,
            CompressionMode.Dc => !string.Equals(RemoteDataCenter, _settings.DataCenter, StringComparison.Ordinal),
            _ => false,
        };
        lock (_reassemblyGate)
        {
            _reassembler.SetBufferLimit(_settings.ReassemblyBufferLimit, "remote.reassembly-buffer-limit");
        }

        Volatile.Write(ref _handshakeDone, true);
    }

    private async Task<ControlMessage> WaitForHandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.HandshakeTimeout);
        try
        {
            return await _handshakeMessages.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException closed) when (closed.InnerException is { } reason)
        {
            ExceptionDispatchInfo.Throw(reason);
            throw;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw await FailAsync($"no handshake from {Peer} within {_settings.HandshakeTimeout.TotalSeconds:0.#} s (remote.handshake-timeout)");
        }
    }

    private async Task<IOException> FailAsync(string reason)
    {
        var error = new IOException(reason);
        _logger.LogWarning("closing connection to {Peer}: {Reason}", Peer, reason);
        await CloseAsync(error);
        return error;
    }

    private async Task RunGuardedAsync(Func<CancellationToken, Task> loop)
    {
        try
        {
            await loop(_cancel.Token);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            // Closing.
        }
        catch (Exception error) when (error is IOException or SocketException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
        {
            if (IsOpen)
            {
                _logger.LogInformation("connection to {Peer} lost: {Reason}", Peer, error.Message);
            }

            await CloseAsync(error);
        }
        catch (Exception error) when (error is CodecException or FramingException or InvalidDataException)
        {
            await CloseMalformedAsync(error);
        }
#pragma warning disable CA1031 // A connection must never take the process down; anything unexpected closes just this one.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _logger.LogError(error, "closing connection to {Peer}: unexpected failure", Peer);
            await CloseAsync(error);
        }
    }

    private async Task CloseMalformedAsync(Exception error)
    {
        MalformedFrames++;
        RemoteCounters.IncrementMalformed();
        _logger.LogError("closing connection to {Peer}: malformed input: {Reason}", Peer, LogText.Escape(error.Message));
        await CloseAsync(error);
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialReadBufferSize];
        var completed = new List<ReassembledMessage>();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (HandshakeDone && buffer.Length < ReadBufferSize && _lastReadFilledBuffer)
            {
                buffer = new byte[Math.Min(ReadBufferSize, buffer.Length * 2)];
            }

            var read = await _stream.ReadAsync(buffer, cancellationToken);
            _lastReadFilledBuffer = read == buffer.Length;
            if (read == 0)
            {
                _peerClosed.TrySetResult();
                if (IsOpen)
                {
                    _logger.LogDebug("{Peer} closed the connection", Peer);
                }

                await CloseAsync(null);
                return;
            }

            CountReceived(read);
            if (CarriesGossip)
            {
                SocketTuning.DelayAcks(_socket);
            }

            completed.Clear();
            long frames;
            lock (_reassemblyGate)
            {
                _reassembler.Feed(buffer.AsSpan(0, read), completed, NowMs);
                frames = _reassembler.FramesCompleted;
            }

            _settings.Counters?.AddFramesReceived(frames - _framesCounted);
            _framesCounted = frames;

            foreach (var message in completed)
            {
                DispatchReassembled(message);
            }
        }
    }

    /// <summary>
    /// A payload is handed on as a slice of the buffer it was reassembled (or decompressed) in: it is the largest thing
    /// this connection carries, and a copy here would be one more per message for the collector.
    /// </summary>
    private void DispatchReassembled(ReassembledMessage message)
    {
        // Nothing is compressed before the handshake completes, and a few bytes of a stranger's can inflate to
        // remote.maximum-message-size: refuse them before decompressing.
        if (message.Compressed && !HandshakeDone)
        {
            throw new FramingException($"{Peer} sent a compressed message before completing the handshake");
        }

        ReadOnlyMemory<byte> framed = message.Payload;
        if (Volatile.Read(ref _opener) is { } opener && !opener.TryOpen(framed, message.Compressed, out framed, out var problem))
        {
            throw new InvalidDataException($"a message failed the keyring integrity check (remote.keyring): {problem}");
        }

        var bytes = message.Compressed ? MessageCompressor.Decompress(framed.Span, _settings.MaximumMessageSize) : framed;
        if (!WireCodec.TryReadPayloadHeader(bytes.Span, out var sequence))
        {
            Dispatch(_codec.Decode(bytes.Span, _compactIn));
            return;
        }

        if (!HandshakeDone)
        {
            throw new FramingException($"{Peer} sent a payload before completing the handshake");
        }

        DispatchPayload(new SequencedPayload(sequence, bytes[WireCodec.PayloadHeaderSize..]));
    }

    private void Dispatch(DecodedMessage decoded)
    {
        if (decoded.Control is { } control)
        {
            switch (control)
            {
                case KeepAlive or PathProbe:
                    return;
                case PathReport report when HandshakeDone:
                    _logger.LogWarning("{Peer} reports that its large writes to this node stall: {Finding}", LogText.Escape(RemoteHello?.Sender.ToString() ?? Peer), LogText.Escape(report.Finding));
                    Traffic?.RecordPeerReport(report.Finding);
                    return;
                case Hello or HelloAccepted or HelloRejected or KeyringOffer or KeyringChallenge or KeyringProof or KeyringAccepted when !HandshakeDone:
                    OnHandshakeMessage(control);
                    return;
                default:
                    throw new FramingException($"unexpected {control.GetType().Name} from {Peer} after the handshake");
            }
        }

        if (!HandshakeDone)
        {
            throw new FramingException($"{Peer} sent {decoded.Gossip!.GetType().Name} before completing the handshake");
        }

        MessagesReceived++;
        _settings.Counters?.AddMessageReceived();
        Traffic?.RecordAnswer();
        Action<Connection, IGossipMessage>? handler;
        lock (_gate)
        {
            handler = _messageReceived;
            if (handler is null && _unclaimed is { Count: < MaximumUnclaimedMessages })
            {
                _unclaimed.Add(decoded.Gossip!);
                return;
            }
        }

        handler?.Invoke(this, decoded.Gossip!);
    }

    /// <summary>
    /// On the read loop, so the dialer is ready for what follows the listener's last handshake message before reading
    /// it: the listener may send (sealed, with a keyring) right after, and the handshake task runs later.
    /// </summary>
    private void OnHandshakeMessage(ControlMessage control)
    {
        if (Outbound)
        {
            switch (control)
            {
                case HelloAccepted accepted:
                    RemoteAccepted = accepted;
                    if (_settings.Keyring is null)
                    {
                        CompleteHandshake();
                    }

                    break;
                case KeyringAccepted:
                    Volatile.Write(ref _opener, Volatile.Read(ref _pendingOpener) ?? throw new FramingException($"{Peer} sent KeyringAccepted before this node gave its keyring proof"));
                    CompleteHandshake();
                    break;
            }
        }

        if (!_handshakeMessages.Writer.TryWrite(control))
        {
            throw new FramingException($"{Peer} sent more handshake messages than the handshake has");
        }
    }

    private void DispatchPayload(SequencedPayload payload)
    {
        MessagesReceived++;
        _settings.Counters?.AddMessageReceived();
        Traffic?.RecordAnswer();
        lock (_gate)
        {
            if (_payloadReceived is { } handler)
            {
                handler(this, payload);
            }
            else if (_unclaimedPayloads is { Count: < MaximumUnclaimedMessages })
            {
                _unclaimedPayloads.Add(payload);
            }
        }
    }

    private async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        // Grows on first use: once a framer is attached it cuts the batches and this buffer is never written, and a
        // connection refused at its handshake writes one small frame.
        var buffer = new ArrayBufferWriter<byte>();
        var completedTags = new List<object>();
        while (!cancellationToken.IsCancellationRequested)
        {
            await _writeSignal.WaitAsync(cancellationToken);
            while (true)
            {
                buffer.Clear();
                completedTags.Clear();
                FrameBatch? batch = null;
                IActorRef? framer;
                lock (_gate)
                {
                    framer = _framer;
                    if (_batches.Count > 0)
                    {
                        batch = _batches.Dequeue();
                    }
                    else if (framer is null && _scheduler.HasPending)
                    {
                        var frames = _scheduler.WriteFrames(buffer, WriteBatchBytes, completedTags);
                        _settings.Counters?.AddFramesSent(frames);
                    }
                    else
                    {
                        break;
                    }

                    _writesInProgress++;
                }

                var bytes = batch is null ? buffer.WrittenMemory : batch.Bytes;
                try
                {
                    await _stream.WriteAsync(bytes, cancellationToken);
                    await _stream.FlushAsync(cancellationToken);
                    CountSent(bytes.Length);
                }
                finally
                {
                    lock (_gate)
                    {
                        _writesInProgress--;
                    }
                }

                var now = NowMs;
                _lastWriteMs = now;
                var writtenTo = BytesSent;
                lock (_gate)
                {
                    foreach (var tag in (batch?.CompletedTags ?? completedTags).OfType<OutgoingRecord>())
                    {
                        _pending.Remove(tag);
                        tag.WrittenAtMs = now;
                        tag.EndOffset = writtenTo;
                        _recentlyWritten.Add(tag);
                        MessagesSent++;
                        _settings.Counters?.AddMessageSent();
                    }

                    if (batch is not null)
                    {
                        _framerPendingBytes -= batch.PayloadBytes;
                    }
                }

                ForgetAcknowledged();
                if (batch is not null)
                {
                    framer?.Tell(new FramesWritten(batch.Link), ActorRefs.NoSender);
                }
            }
        }
    }

    /// <summary>
    /// The checks of one <c>remote.stall-check-interval</c> tick, run on the shared ticker's thread: the keep-alive a
    /// connection without gossip owes, a message that stopped arriving half way, and a black hole. Whatever fails here
    /// closes this connection the way a failing read or write loop does.
    /// </summary>
    private void CheckProgress()
    {
        // Once closing starts (the only way the loops are cancelled), nothing is left to check; a stall found on the last
        // tick may still be closing the connection, and is logged and counted once.
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        try
        {
            if (CheckProgressAt(NowMs) is { } closing)
            {
                _ = RunGuardedAsync(_ => closing);
            }
        }
#pragma warning disable CA1031 // Handed to the loops' own handler, which logs it and closes this connection.
        catch (Exception error)
#pragma warning restore CA1031
        {
            _ = RunGuardedAsync(_ => Task.FromException(error));
        }
    }

    /// <returns>The close under way when a message stalled; null when the connection goes on.</returns>
    private Task? CheckProgressAt(long now)
    {
        if (HandshakeDone && !CarriesGossip && now - _lastWriteMs >= (long)_settings.IdleKeepAlive.TotalMilliseconds)
        {
            _lastWriteMs = now;
            SendControl(new KeepAlive());
        }

        if (FindStalledMessage(now) is { } stalled)
        {
            RemoteCounters.IncrementStalled();
            _logger.LogWarning(
                "closing connection to {Peer}: {What}, over remote.message-progress-timeout ({Timeout:0.#} s)",
                Peer,
                stalled,
                _settings.MessageProgressTimeout.TotalSeconds);
            return CloseAsync(new IOException($"{Peer}: {stalled}"));
        }

        PruneRecentlyWritten();
        ObserveProgress(now);
        return null;
    }

    /// <summary>
    /// Feeds TCP_INFO to the stall detector. On a plain socket whose last sample had nothing in flight and that has
    /// written nothing since, the kernel would report exactly that sample again (nothing sent, so nothing newly
    /// acknowledged), so the detector is told it is still quiet without asking: an idle node skips about a hundred
    /// getsockopt calls a second. Under TLS the stream's byte count is not TCP's, and the socket is always asked.
    /// </summary>
    private void ObserveProgress(long now)
    {
        var sentBefore = BytesSent;
        if (_stream is NetworkStream && sentBefore == _quietAtBytesSent)
        {
            _stallDetector.StillQuiet(now);
            return;
        }

        if (ReadTcpInfo() is not { } info)
        {
            return;
        }

        var observation = _stallDetector.Observe(now, info);
        _quietAtBytesSent = _stallDetector.Quiet ? sentBefore : -1;
        if (observation is not null)
        {
            OnStall(observation);
        }
    }

    private string? FindStalledMessage(long nowMs)
    {
        lock (_reassemblyGate)
        {
            return _reassembler.FindStalled(nowMs, (long)_settings.MessageProgressTimeout.TotalMilliseconds);
        }
    }

    private void OnStall(StallObservation observation)
    {
        var local = (_socket.LocalEndPoint as IPEndPoint)?.Address;
        var interfaceMtu = local is null ? null : SocketTuning.InterfaceMtu(local);
        var finding = new BlackHoleFinding(
            Peer,
            observation.SegmentBytes,
            interfaceMtu ?? (observation.PathMtu > 0 ? (int)observation.PathMtu : null),
            RemoteSettings.DiscoveryFloorMtu,
            observation.StalledFor,
            observation.BytesAckedBefore);
        StallFinding = finding;
        _logger.LogWarning("{Finding}", finding.ToString());
        _logger.LogDebug(
            "stall details for {Peer}: {Unacked} segments unacknowledged, {Retransmits} retransmissions, {Acked} bytes acknowledged before, path MTU {PathMtu}",
            Peer,
            observation.UnackedSegments,
            observation.Retransmits,
            observation.BytesAckedBefore,
            observation.PathMtu);
        Stalled?.Invoke(this, finding);
    }

    /// <summary>
    /// On a plain socket, our stream's byte count is TCP's, so a message whose last byte the peer acknowledged
    /// (TCP_INFO's bytes_acked) can never need sending again: forgotten after each write, it does not outlive a
    /// round trip. Under TLS the counts differ and the time rule of <see cref="PruneRecentlyWritten"/> applies alone.
    /// </summary>
    private void ForgetAcknowledged()
    {
        if (_stream is not NetworkStream || ReadTcpInfo() is not { } info)
        {
            return;
        }

        var acked = (long)Math.Min(info.BytesAcked, long.MaxValue);
        lock (_gate)
        {
            var confirmed = 0;
            while (confirmed < _recentlyWritten.Count && _recentlyWritten[confirmed].EndOffset <= acked)
            {
                confirmed++;
            }

            _recentlyWritten.RemoveRange(0, confirmed);
        }
    }

    /// <summary>
    /// Forgets what the peer's acknowledgements have covered, by the rule <see cref="TakeUnconfirmed"/> applies: kept
    /// any longer, every payload of the last seconds would stay alive, and at hundreds of MB/s the collector pays for it.
    /// </summary>
    private void PruneRecentlyWritten()
    {
        lock (_gate)
        {
            var confirmedBefore = _stallDetector.ProgressAtMs - (long)_settings.StallCheckInterval.TotalMilliseconds;
            _recentlyWritten.RemoveAll(r => r.WrittenAtMs < confirmedBefore);
        }
    }

    private void CountSent(int bytes)
    {
        Interlocked.Add(ref _bytesSent, bytes);
        _settings.Counters?.AddBytesSent(bytes);
        Traffic?.AddBytesSent(bytes);
    }

    private void CountReceived(int bytes)
    {
        Interlocked.Add(ref _bytesReceived, bytes);
        _settings.Counters?.AddBytesReceived(bytes);
        Traffic?.AddBytesReceived(bytes);
    }

    internal static string FormatEndPoint(IPEndPoint endPoint)
    {
        var address = endPoint.Address.IsIPv4MappedToIPv6 ? endPoint.Address.MapToIPv4() : endPoint.Address;
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"[{address}]:{endPoint.Port}")
            : string.Create(CultureInfo.InvariantCulture, $"{address}:{endPoint.Port}");
    }

    private sealed class OutgoingRecord(object message)
    {
        /// <summary>An <see cref="IGossipMessage"/> or an opaque payload.</summary>
        public object Message { get; } = message;

        public long WrittenAtMs { get; set; }

        /// <summary>Bytes written to the stream once this message's last frame was: acknowledged when TCP has acked as many.</summary>
        public long EndOffset { get; set; }
    }
}
