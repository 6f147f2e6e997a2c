namespace GossipActors.Actors.Internal;

/// <summary>Counts a child's restarts within the strategy's time window.</summary>
internal sealed class RestartStatistics
{
    private int _restarts;
    private long _windowStart;

    public int Restarts => _restarts;

    /// <summary>True when one more restart is allowed; false means the child must be stopped.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange, TimeProvider time)
    {
        if (maxNrOfRetries < 0)
        {
            return true;
        }

        if (maxNrOfRetries == 0)
        {
            return false;
        }

        if (withinTimeRange is not { } window || window == Timeout.InfiniteTimeSpan)
        {
            return ++_restarts <= maxNrOfRetries;
        }

        var now = time.GetTimestamp();
        if (_restarts == 0 || time.GetElapsedTime(_windowStart, now) > window)
        {
            _windowStart = now;
            _restarts = 1;
            return true;
        }

        return ++_restarts <= maxNrOfRetries;
    }
}
