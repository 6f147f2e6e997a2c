using System.Globalization;

namespace GossipActors.Protocol.Security;

/// <summary>
/// Which sealed message numbers a connection has received, so a replayed one is refused. The transport interleaves
/// messages (small ones overtake large ones), so numbers complete out of order: each is accepted once, and the set
/// is kept as the lowest number not yet seen plus the runs received above it. Runs stay few (one per message still
/// being overtaken), and a sender that leaves more than <paramref name="maximumRuns"/> gaps is refused. Whole
/// messages arriving in another order than they were sealed are therefore not an error: the scheduler does that itself.
/// </summary>
public sealed class SequenceWindow(int maximumRuns = 4096)
{
    private readonly List<(long Start, long End)> _runs = [];
    private long _floor;

    /// <summary>The lowest number not yet received.</summary>
    public long Floor => _floor;

    public bool TryAccept(long sequence, out string? problem)
    {
        problem = null;
        if (sequence < _floor)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"message {sequence} was already received (replayed)");
            return false;
        }

        var next = FirstRunAfter(sequence);
        if (next > 0 && _runs[next - 1].End > sequence)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"message {sequence} was already received (replayed)");
            return false;
        }

        if (sequence == _floor)
        {
            _floor++;
            if (_runs.Count > 0 && _runs[0].Start == _floor)
            {
                _floor = _runs[0].End;
                _runs.RemoveAt(0);
            }

            return true;
        }

        var joinsPrevious = next > 0 && _runs[next - 1].End == sequence;
        var joinsNext = next < _runs.Count && _runs[next].Start == sequence + 1;
        if (joinsPrevious && joinsNext)
        {
            _runs[next - 1] = (_runs[next - 1].Start, _runs[next].End);
            _runs.RemoveAt(next);
        }
        else if (joinsPrevious)
        {
            _runs[next - 1] = (_runs[next - 1].Start, sequence + 1);
        }
        else if (joinsNext)
        {
            _runs[next] = (sequence, _runs[next].End);
        }
        else if (_runs.Count >= maximumRuns)
        {
            problem = string.Create(CultureInfo.InvariantCulture, $"more than {maximumRuns} gaps in the message numbers below {sequence}");
            return false;
        }
        else
        {
            _runs.Insert(next, (sequence, sequence + 1));
        }

        return true;
    }

    /// <summary>Index of the first run starting after <paramref name="sequence"/> (binary search: runs are sorted).</summary>
    private int FirstRunAfter(long sequence)
    {
        int low = 0, high = _runs.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_runs[middle].Start > sequence)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
