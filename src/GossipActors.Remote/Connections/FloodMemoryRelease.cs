namespace GossipActors.Remote.Connections;

/// <summary>
/// Decides when a flood of hostile connections is over, so the memory it made the runtime commit can be given back.
/// The garbage of thousands of refused connections is collectable, but the GC keeps the regions it grew for them
/// committed, and an idle node collects rarely: without a release the process would sit tens of MiB above its idle
/// size until the next busy spell. One compacting collection once the flood has stopped costs a few milliseconds.
/// </summary>
/// <param name="threshold">Hostile closes since the last release that make a flood (<c>remote.flood-release-after</c>); 0 never releases.</param>
/// <param name="quietFor">How long no further hostile close must be seen before the flood counts as over.</param>
public sealed class FloodMemoryRelease(long threshold, TimeSpan quietFor)
{
    /// <summary>How long the count must stay still; long enough that a flood in waves is released once, at its end.</summary>
    public static readonly TimeSpan DefaultQuietFor = TimeSpan.FromSeconds(5);

    private long _baseline = -1;
    private long _lastSeen = -1;
    private long _lastChangeMs;

    /// <summary>
    /// Given the process's count of hostile closes now, whether to release; true at most once per flood. The first
    /// call only takes the count as its baseline, so what happened before this listener started is not its flood.
    /// </summary>
    public bool ShouldRelease(long hostileCloses, long nowMs, out long floodSize)
    {
        floodSize = 0;
        if (_baseline < 0)
        {
            _baseline = _lastSeen = hostileCloses;
            _lastChangeMs = nowMs;
            return false;
        }

        if (hostileCloses != _lastSeen)
        {
            _lastSeen = hostileCloses;
            _lastChangeMs = nowMs;
            return false;
        }

        if (threshold <= 0 || hostileCloses - _baseline < threshold || nowMs - _lastChangeMs < (long)quietFor.TotalMilliseconds)
        {
            return false;
        }

        floodSize = hostileCloses - _baseline;
        _baseline = hostileCloses;
        return true;
    }
}
