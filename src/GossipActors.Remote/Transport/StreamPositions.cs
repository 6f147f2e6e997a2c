namespace GossipActors.Remote.Transport;

/// <summary>
/// Which sequence numbers of one link's payloads were delivered. Payloads complete out of order (small ones overtake
/// large ones), so it keeps the contiguous prefix and the few delivered beyond it; after a resume, the replayed
/// payloads that had in fact arrived are recognised and dropped. Sequence 0 means unnumbered: always delivered.
/// </summary>
internal sealed class StreamPositions
{
    private readonly HashSet<long> _ahead = [];
    private long _contiguous;

    public bool FirstTime(long sequence)
    {
        if (sequence == 0)
        {
            return true;
        }

        if (sequence <= _contiguous || !_ahead.Add(sequence))
        {
            return false;
        }

        while (_ahead.Remove(_contiguous + 1))
        {
            _contiguous++;
        }

        return true;
    }
}
