namespace GossipActors.Protocol.Gossip;

/// <summary>Generation arithmetic: a generation is the node's start time in Unix epoch seconds.</summary>
public static class Generation
{
    /// <summary>
    /// The generation for a start at <paramref name="nowMs"/>: never below the persisted one plus one, so
    /// a clock set backwards cannot make peers believe our new state is older than the last run's.
    /// </summary>
    public static int Next(int? stored, long nowMs)
    {
        var nowSeconds = (int)Math.Min(int.MaxValue, nowMs / 1000);
        return stored is { } previous ? Math.Max(previous + 1, nowSeconds) : nowSeconds;
    }

    /// <summary>True when <paramref name="remoteGeneration"/> is further ahead of local time than allowed.</summary>
    public static bool IsTooFarAhead(int remoteGeneration, long nowMs, long maxDriftSeconds) =>
        remoteGeneration > (nowMs / 1000) + maxDriftSeconds;
}
