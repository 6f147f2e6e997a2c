namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// Membership views built from the events nodes print as they happen (Akka.Cluster's member events, Serf's
/// EventMember* log lines): a member is up from its join/up event until a down-like event, and back when it recovers.
/// </summary>
public sealed class EventDrivenViews
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, HashSet<string>> _up = [];
    private readonly Dictionary<int, HashSet<string>> _down = [];
    private readonly Dictionary<(int Observer, string Member), int> _updates = [];
    private readonly Dictionary<int, long> _changedAt = [];

    public void MarkUp(int observer, string member)
    {
        lock (_lock)
        {
            Set(_up, observer).Add(member);
            Set(_down, observer).Remove(member);
            Changed(observer);
        }
    }

    public void MarkDown(int observer, string member)
    {
        lock (_lock)
        {
            Set(_up, observer).Remove(member);
            Set(_down, observer).Add(member);
            Changed(observer);
        }
    }

    public void Forget(int observer, string member)
    {
        lock (_lock)
        {
            Set(_up, observer).Remove(member);
            Set(_down, observer).Remove(member);
            Changed(observer);
        }
    }

    /// <summary>Counts an update of the member's published state (Serf's tags) as the observer saw it.</summary>
    public void CountUpdate(int observer, string member)
    {
        lock (_lock)
        {
            _updates[(observer, member)] = Updates(observer, member) + 1;
        }
    }

    public int Updates(int observer, string member)
    {
        lock (_lock)
        {
            return _updates.GetValueOrDefault((observer, member));
        }
    }

    public MemberView ViewOf(int observer)
    {
        lock (_lock)
        {
            return new MemberView(
                new HashSet<string>(Set(_up, observer)),
                new HashSet<string>(Set(_down, observer)),
                null,
                _changedAt.TryGetValue(observer, out var at) ? at : null);
        }
    }

    // Called as the node's line is read, so the timestamp is when the event reached the harness.
    private void Changed(int observer) => _changedAt[observer] = System.Diagnostics.Stopwatch.GetTimestamp();

    private static HashSet<string> Set(Dictionary<int, HashSet<string>> sets, int observer)
    {
        if (!sets.TryGetValue(observer, out var set))
        {
            set = [];
            sets[observer] = set;
        }

        return set;
    }
}
