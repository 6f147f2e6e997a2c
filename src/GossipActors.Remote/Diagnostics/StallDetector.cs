using GossipActors.Remote.Sockets;

namespace GossipActors.Remote.Diagnostics;

/// <summary>What the detector saw when it declared a stall: enough to write the finding.</summary>
public sealed record StallObservation(ulong BytesAckedBefore, uint UnackedSegments, int SegmentBytes, uint PathMtu, uint Retransmits, TimeSpan StalledFor);

/// <summary>
/// Decides from successive TCP_INFO samples whether a connection is black-holed: earlier bytes were
/// acknowledged (so small segments pass), data is now outstanding, and the acknowledged byte count has not
/// moved for the stall timeout. Pure: time comes in as milliseconds, so tests drive it with virtual time.
/// </summary>
public sealed class StallDetector(TimeSpan stallTimeout)
{
    private ulong _bytesAcked;
    private long _progressAtMs = -1;
    private bool _reported;
    private bool _wasOutstanding;

    public TimeSpan StallTimeout { get; } = stallTimeout;

    /// <summary>Time of the last observed progress (or of the first sample).</summary>
    public long ProgressAtMs => _progressAtMs;

    /// <summary>Whether the last sample had nothing unacknowledged and nothing unsent.</summary>
    public bool Quiet => _progressAtMs >= 0 && !_wasOutstanding;

    /// <summary>
    /// What <see cref="Observe"/> does with a sample equal to the last one while <see cref="Quiet"/>: the connection is
    /// still quiet at <paramref name="nowMs"/>, which counts as progress.
    /// </summary>
    public void StillQuiet(long nowMs)
    {
        if (!Quiet)
        {
            throw new InvalidOperationException("the last sample had bytes in flight: only a new sample can say what became of them");
        }

        _progressAtMs = nowMs;
        _reported = false;
    }

    /// <returns>An observation the first time a stall is seen; null otherwise (also while it continues).</returns>
    public StallObservation? Observe(long nowMs, TcpInfo info)
    {
        var outstanding = info.Unacked > 0 || info.NotSentBytes > 0;
        var startedWaiting = outstanding && !_wasOutstanding;
        _wasOutstanding = outstanding;
        if (_progressAtMs < 0 || info.BytesAcked != _bytesAcked || !outstanding || startedWaiting)
        {
            _bytesAcked = info.BytesAcked;
            _progressAtMs = nowMs;
            _reported = false;
            return null;
        }

        var stalledFor = TimeSpan.FromMilliseconds(nowMs - _progressAtMs);
        // Zero acknowledged bytes means nothing ever passed: an unreachable peer, not a black hole for large packets.
        if (_reported || stalledFor < StallTimeout || _bytesAcked == 0)
        {
            return null;
        }

        _reported = true;
        return new StallObservation(_bytesAcked, info.Unacked, info.FullSegmentBytes, info.PathMtu, info.TotalRetrans, stalledFor);
    }
}
