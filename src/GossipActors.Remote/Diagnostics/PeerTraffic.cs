using System.Globalization;
using System.Net.Sockets;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;
using GossipActors.Remote.Connections;

namespace GossipActors.Remote.Diagnostics;

/// <summary>
/// What the transport saw with one peer, by its advertised gossip address: dial failures by kind, bytes both
/// ways, and whether small and large messages got answers. Outbound and inbound connections both feed it.
/// </summary>
public sealed class PeerTraffic
{
    /// <summary>Messages at least this large count as large: bigger than one frame at the default MTU.</summary>
    public const int LargeMessageBytes = 1400;

    private readonly object _gate = new();
    private int _refused;
    private int _timedOut;
    private long? _timeoutAfterMs;
    private string? _handshakeRejected;
    private string? _lastFailure;
    private long _bytesSent;
    private long _bytesReceived;
    private int _smallSent;
    private int _smallAnswered;
    private int _smallOutstanding;
    private int _largeSent;
    private int _largeAnswered;
    private int _largeOutstanding;
    private BlackHoleFinding? _finding;
    private string? _peerReport;
    private int? _discoveredMtu;

    internal PeerTraffic(EndpointAddress peer) => Peer = peer;

    public EndpointAddress Peer { get; }

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    /// <summary>The last black-hole finding on a connection to this peer, if any.</summary>
    public BlackHoleFinding? LastFinding
    {
        get
        {
            lock (_gate)
            {
                return _finding;
            }
        }
    }

    public SeedTransportDiagnosis ToDiagnosis()
    {
        lock (_gate)
        {
            var notes = new List<string>();
            if (_finding is not null)
            {
                notes.Add(_finding.ToString());
            }

            if (_peerReport is not null)
            {
                notes.Add($"{Peer} reports that its writes to this node stall ({_peerReport})");
            }

            if (_discoveredMtu is { } mtu)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"MTU discovery found {mtu} on this path"));
            }

            if (_lastFailure is not null && _handshakeRejected is null)
            {
                notes.Add($"last connection failure: {_lastFailure}");
            }

            return new SeedTransportDiagnosis
            {
                ConnectionsRefused = _refused,
                TimedOut = _timedOut,
                TimeoutAfterMs = _timeoutAfterMs,
                HandshakeRejectedReason = _handshakeRejected,
                BytesSent = BytesSent,
                BytesReceived = BytesReceived,
                SmallMessagesSent = _smallSent,
                SmallMessagesAnswered = _smallAnswered,
                LargeMessagesSent = _largeSent,
                LargeMessagesAnswered = _largeAnswered,
                LargeMessageThresholdBytes = LargeMessageBytes,
                Note = notes.Count == 0 ? null : string.Join("; ", notes),
            };
        }
    }

    internal void AddBytesSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void AddBytesReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void RecordSent(int payloadBytes)
    {
        lock (_gate)
        {
            if (payloadBytes >= LargeMessageBytes)
            {
                _largeSent++;
                _largeOutstanding++;
            }
            else
            {
                _smallSent++;
                _smallOutstanding++;
            }
        }
    }

    /// <summary>A gossip message from the peer answers everything sent to it before.</summary>
    internal void RecordAnswer()
    {
        lock (_gate)
        {
            _smallAnswered += _smallOutstanding;
            _largeAnswered += _largeOutstanding;
            _smallOutstanding = 0;
            _largeOutstanding = 0;
        }
    }

    internal void RecordDialFailure(Exception error, TimeSpan connectTimeout)
    {
        lock (_gate)
        {
            _lastFailure = error.Message;
            switch (error)
            {
                case HandshakeRejectedException:
                    _handshakeRejected = error.Message;
                    break;
                case ConnectTimeoutException:
                    _timedOut++;
                    _timeoutAfterMs = (long)connectTimeout.TotalMilliseconds;
                    break;
                case { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused } }:
                    _refused++;
                    break;
                case { InnerException: SocketException { SocketErrorCode: SocketError.TimedOut } }:
                    _timedOut++;
                    break;
            }
        }
    }

    /// <summary>The peer found that its large writes to us are black-holed (we cannot see that ourselves).</summary>
    internal void RecordPeerReport(string finding)
    {
        lock (_gate)
        {
            _peerReport = finding;
        }
    }

    internal void RecordFinding(BlackHoleFinding finding, int? discoveredMtu)
    {
        lock (_gate)
        {
            _finding = finding;
            _discoveredMtu = discoveredMtu ?? _discoveredMtu;
        }
    }
}
