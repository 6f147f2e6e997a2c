using System.Collections.Concurrent;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Remote.Diagnostics;

/// <summary>
/// Traffic and incident counters of one transport (one node), for <c>/metrics</c>, plus what it saw per peer for
/// the shadow round's "Unable to gossip with any seeds" diagnosis. Set it on <see cref="RemoteSettings.Counters"/>;
/// every connection made with those settings adds to it. Thread-safe.
/// </summary>
public sealed class TransportCounters : ISeedTransportDiagnostics
{
    private readonly ConcurrentDictionary<EndpointAddress, PeerTraffic> _peers = new();
    private long _bytesSent;
    private long _bytesReceived;
    private long _framesSent;
    private long _framesReceived;
    private long _messagesSent;
    private long _messagesReceived;
    private long _connectionsOpened;
    private long _reconnects;
    private long _dialFailures;
    private long _blackHoleFindings;
    private long _mtuDiscoveries;
    private long _datagramsSent;
    private long _datagramsReceived;
    private long _datagramsRefused;

    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public long FramesSent => Interlocked.Read(ref _framesSent);

    public long FramesReceived => Interlocked.Read(ref _framesReceived);

    public long MessagesSent => Interlocked.Read(ref _messagesSent);

    public long MessagesReceived => Interlocked.Read(ref _messagesReceived);

    /// <summary>Outbound connections established (handshake accepted).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Dials made after an established outbound connection was lost.</summary>
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary>Dials that failed (refused, timed out, handshake rejected, TLS).</summary>
    public long DialFailures => Interlocked.Read(ref _dialFailures);

    /// <summary>Connections on which large writes stalled while small ones passed (seed 000).</summary>
    public long BlackHoleFindings => Interlocked.Read(ref _blackHoleFindings);

    /// <summary>Path MTUs found by discovery.</summary>
    public long MtuDiscoveries => Interlocked.Read(ref _mtuDiscoveries);

    /// <summary>Heartbeats and watches sent as UDP datagrams (<c>remote.heartbeat-datagrams</c>).</summary>
    public long DatagramsSent => Interlocked.Read(ref _datagramsSent);

    /// <summary>Heartbeat datagrams read and handed to gossip.</summary>
    public long DatagramsReceived => Interlocked.Read(ref _datagramsReceived);

    /// <summary>Datagrams that came to the heartbeat port and were dropped: malformed, oversized or another cluster's.</summary>
    public long DatagramsRefused => Interlocked.Read(ref _datagramsRefused);

    /// <summary>Every peer this transport has talked to (or tried to).</summary>
    public IReadOnlyCollection<PeerTraffic> Peers => _peers.Values.ToList();

    /// <summary>The record of one peer, created on first use.</summary>
    public PeerTraffic For(EndpointAddress peer) => _peers.GetOrAdd(peer, p => new PeerTraffic(p));

    public SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed) =>
        _peers.TryGetValue(seed, out var traffic) ? traffic.ToDiagnosis() : null;

    internal void AddBytesSent(long bytes) => Interlocked.Add(ref _bytesSent, bytes);

    internal void AddBytesReceived(long bytes) => Interlocked.Add(ref _bytesReceived, bytes);

    internal void AddFramesSent(long frames) => Interlocked.Add(ref _framesSent, frames);

    internal void AddFramesReceived(long frames) => Interlocked.Add(ref _framesReceived, frames);

    internal void AddMessageSent() => Interlocked.Increment(ref _messagesSent);

    internal void AddMessageReceived() => Interlocked.Increment(ref _messagesReceived);

    internal void AddConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);

    internal void AddReconnect() => Interlocked.Increment(ref _reconnects);

    internal void AddDialFailure() => Interlocked.Increment(ref _dialFailures);

    internal void AddBlackHoleFinding() => Interlocked.Increment(ref _blackHoleFindings);

    internal void AddMtuDiscovery() => Interlocked.Increment(ref _mtuDiscoveries);

    internal void AddDatagramSent() => Interlocked.Increment(ref _datagramsSent);

    internal void AddDatagramReceived() => Interlocked.Increment(ref _datagramsReceived);

    internal void AddDatagramRefused() => Interlocked.Increment(ref _datagramsRefused);
}
