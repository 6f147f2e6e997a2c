using GossipActors.Gossip.Logging;
using GossipActors.Protocol.Codec;
using GossipActors.Protocol.Messages;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Diagnostics;
using Microsoft.Extensions.Logging;

namespace GossipActors.Remote.Connections;

/// <summary>
/// Keeps one outbound connection to a peer alive: dials with capped, jittered backoff, queues messages while
/// disconnected, and on a black-holed connection either reports it (discovery off, or <c>remote.mtu</c> set) or
/// discovers the path MTU, reconnects with that segment clamp and resends what may not have arrived.
/// This is the plain-async core a connection actor wraps.
/// </summary>
public sealed class OutboundLink : IAsyncDisposable
{
    public const int MaximumQueuedMessages = 10_000;

    private readonly EndpointAddress _peer;
    private readonly Dialer _dialer;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly Queue<object> _queue = new();
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>A peer that stays unreachable is logged when it becomes so and then once a minute, not at every redial.</summary>
    private readonly LogThrottle _unreachableLines;
    private Connection? _connection;
    private readonly bool _redial;
    private Task _run = Task.CompletedTask;
    private long _sequence;
    private int _connections;

    /// <param name="redial">
    /// False for a peer that left the cluster: dial once for what is queued, and end (see <see cref="Ended"/>)
    /// when that dial fails or the connection is lost, instead of redialling with backoff for ever.
    /// </param>
    /// <param name="knownMtu">A path MTU discovered earlier for this peer: connections are clamped for it from the start.</param>
    public OutboundLink(EndpointAddress peer, Dialer dialer, ILogger logger, Random random, TimeProvider? time = null, bool redial = true, int? knownMtu = null)
    {
        DiscoveredMtu = knownMtu;
        _redial = redial;
        ArgumentNullException.ThrowIfNull(dialer);
        _peer = peer;
        _dialer = dialer;
        _logger = logger;
        _random = random;
        _time = time ?? TimeProvider.System;
        _unreachableLines = new LogThrottle(TimeSpan.FromMinutes(1), _time);
    }

    /// <summary>A link that does not redial gave up: its dial failed or its connection was lost.</summary>
    public event Action? Ended;

    /// <summary>Messages the peer sends back on this connection.</summary>
    public event Action<Connection, IGossipMessage>? MessageReceived;

    /// <summary>Opaque payloads (Akka.Remote PDUs) the peer sends back on this connection, in order.</summary>
    public event Action<Connection, SequencedPayload>? PayloadReceived;

    /// <summary>Sent in every Hello of this link, so after MTU discovery the peer resumes the association it holds.</summary>
    public Guid LinkId { get; } = Guid.NewGuid();

    public event Action<BlackHoleFinding>? BlackHoleDetected;

    public event Action<int>? MtuDiscovered;

    /// <summary>A connection was established (handshake done); raised before queued messages are sent on it.</summary>
    public event Action<Connection>? Connected;

    /// <summary>A dial or handshake failed: the reason and the number of consecutive failures.</summary>
    public event Action<string, int>? DialFailed;

    public EndpointAddress Peer => _peer;

    public int? DiscoveredMtu { get; private set; }

    public BlackHoleFinding? LastFinding { get; private set; }

    /// <summary>The last reason a dial failed (including the remote's handshake rejection).</summary>
    public string? LastFailure { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public Connection? Current => Volatile.Read(ref _connection);

    public void Start() => _run = RunAsync(_cancel.Token);

    /// <summary>Sends now if connected, else queues (dropping the oldest beyond <see cref="MaximumQueuedMessages"/>).</summary>
    public void Send(IGossipMessage message) => SendOrQueue(message);

    /// <summary>
    /// As <see cref="Send"/>, for an opaque payload (an Akka.Remote PDU). Each is numbered in the link's stream, so a
    /// peer that gets some of them again after a resume (they were unconfirmed when the black hole was found) can drop them.
    /// </summary>
    public void SendPayload(ReadOnlyMemory<byte> payload) => SendOrQueue(new SequencedPayload(Interlocked.Increment(ref _sequence), payload));

    private void SendOrQueue(object message)
    {
        lock (_gate)
        {
            // Behind anything still queued, never past it: the first payload of an association must arrive first.
            if (Current is { IsOpen: true } connection && _queue.Count == 0 && connection.Resend(message))
            {
                return;
            }

            _queue.Enqueue(message);
            while (_queue.Count > MaximumQueuedMessages)
            {
                _queue.Dequeue();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cancel.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        if (Current is { } connection)
        {
            await connection.CloseAsync(null);
        }

        _cancel.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        var wasConnected = false;
        var counters = _dialer.Settings.Counters;
        while (!cancellationToken.IsCancellationRequested)
        {
            Connection connection;
            if (wasConnected)
            {
                counters?.AddReconnect();
                wasConnected = false;
            }

            try
            {
                connection = await _dialer.ConnectAsync(_peer, DiscoveredMtu, LinkId, cancellationToken);
            }
            catch (Exception error) when (error is IOException or HandshakeRejectedException)
            {
                counters?.AddDialFailure();
                counters?.For(_peer).RecordDialFailure(error, _dialer.Settings.ConnectTimeout);
                LastFailure = error.Message;
                ConsecutiveFailures++;
                DialFailed?.Invoke(error.Message, ConsecutiveFailures);
                if (!_redial)
                {
                    _logger.LogDebug("cannot reach {Peer}: {Reason}; this link does not redial", _peer, error.Message);
                    Ended?.Invoke();
                    return;
                }

                var delay = Backoff.Delay(attempt++, _dialer.Settings.BackoffMinimum, _dialer.Settings.BackoffMaximum, _random);
                if (_unreachableLines.ShouldLog("dial", out var heldBack))
                {
                    _logger.LogInformation(
                        "cannot reach {Peer}: {Reason}; retrying in {Delay:0.0} s{HeldBack}",
                        _peer,
                        error.Message,
                        delay.TotalSeconds,
                        _unreachableLines.HeldBackSuffix(heldBack));
                }

                await Task.Delay(delay, _time, cancellationToken);
                continue;
            }

            if (!_redial && _connections > 0 && connection.RemoteAccepted?.Resumed != true)
            {
                // The peer no longer holds our association (it restarted, or gave up waiting): what we would send now
                // belongs to an association it does not know. End, so the layer above associates afresh.
                _logger.LogInformation("{Peer} did not resume the link after MTU discovery; ending it", _peer);
                await connection.CloseAsync(null);
                Ended?.Invoke();
                return;
            }

            if (ConsecutiveFailures > 0)
            {
                _logger.LogInformation("reached {Peer} again after {Failures} failed attempts", _peer, ConsecutiveFailures);
                _unreachableLines.Reset("dial");
            }

            _connections++;
            attempt = 0;
            ConsecutiveFailures = 0;
            wasConnected = true;
            counters?.AddConnectionOpened();
            var stalled = new TaskCompletionSource<BlackHoleFinding>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.MessageReceived += (c, m) => MessageReceived?.Invoke(c, m);
            connection.PayloadReceived += (c, p) => PayloadReceived?.Invoke(c, p);
            connection.Stalled += (_, finding) => stalled.TrySetResult(finding);
            Connected?.Invoke(connection);
            lock (_gate)
            {
                Volatile.Write(ref _connection, connection);
                FlushQueue(connection);
            }

            var finished = await Task.WhenAny(connection.Completion, stalled.Task).WaitAsync(cancellationToken);
            if (finished == stalled.Task)
            {
                var rediscovered = await OnStallAsync(connection, stalled.Task.Result, cancellationToken);
                if (!rediscovered && !_redial)
                {
                    // The stalled connection ended and nothing about the path changed: dialling again would stall again.
                    Ended?.Invoke();
                    return;
                }
            }
            else if (!_redial)
            {
                Ended?.Invoke();
                return;
            }
        }
    }

    /// <returns>True when the path MTU was discovered, so a new connection clamped for it will carry what stalled.</returns>
    private async Task<bool> OnStallAsync(Connection connection, BlackHoleFinding finding, CancellationToken cancellationToken)
    {
        var settings = _dialer.Settings;
        if (!settings.MtuDiscovery || settings.ExplicitMtu is not null)
        {
            LastFinding = finding;
            settings.Counters?.AddBlackHoleFinding();
            settings.Counters?.For(_peer).RecordFinding(finding, null);
            BlackHoleDetected?.Invoke(finding);
            await ReportToPeerAsync(finding, cancellationToken);
            // Nothing this side can change: keep the connection so the finding stays true and visible.
            await connection.Completion.WaitAsync(cancellationToken);
            return false;
        }

        var unconfirmed = connection.TakeUnconfirmed();
        await connection.CloseAsync(null);
        var failing = finding.InterfaceMtu ?? (finding.SegmentBytes + 40);
        var found = await new MtuDiscovery(_dialer, _logger, _time).DiscoverAsync(_peer, failing, cancellationToken);
        DiscoveredMtu = found;
        LastFinding = finding with { SuggestedMtu = found };
        settings.Counters?.AddBlackHoleFinding();
        settings.Counters?.AddMtuDiscovery();
        settings.Counters?.For(_peer).RecordFinding(LastFinding, found);
        BlackHoleDetected?.Invoke(LastFinding);
        MtuDiscovered?.Invoke(found);
        lock (_gate)
        {
            var rest = _queue.ToArray();
            _queue.Clear();
            foreach (var message in unconfirmed.Concat(rest))
            {
                _queue.Enqueue(message);
            }
        }

        return true;
    }

    /// <summary>
    /// Tells the peer on a fresh connection (one small message passes where the stalled one delivers nothing), so
    /// the peer's own diagnosis, for example its failed shadow round, names the black hole too. Best effort.
    /// </summary>
    private async Task ReportToPeerAsync(BlackHoleFinding finding, CancellationToken cancellationToken)
    {
        try
        {
            await using var messenger = await _dialer.ConnectAsync(_peer, DiscoveredMtu, cancellationToken);
            messenger.SendControl(new PathReport(finding.ToString()));
            await messenger.FlushAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception error) when (error is IOException or HandshakeRejectedException)
        {
            _logger.LogDebug("could not report the black hole to {Peer}: {Reason}", _peer, error.Message);
        }
    }

    private void FlushQueue(Connection connection)
    {
        lock (_gate)
        {
            while (_queue.Count > 0 && connection.IsOpen)
            {
                if (!connection.Resend(_queue.Peek()) && !connection.IsOpen)
                {
                    break;
                }

                // Sent, or refused with a log line (larger than remote.maximum-message-size): done with it either way.
                _queue.Dequeue();
            }
        }
    }
}
