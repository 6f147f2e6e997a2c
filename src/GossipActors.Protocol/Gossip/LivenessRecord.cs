namespace GossipActors.Protocol.Gossip;

/// <summary>
/// The liveness rules as a value: the state table keeps one inline per endpoint, because in a simulated
/// 5,000-node cluster a separate object (and map entry) per node per endpoint is tens of millions of
/// objects. <see cref="EndpointLiveness"/> is the reference-type face of the same rules.
/// </summary>
internal struct LivenessRecord
{
    public LivenessStatus Status;
    public long? PendingEchoId;
    public long EchoSentAtMs;
    public long DownSinceMs;
    public string? DownReason;

    public readonly bool IsUp => Status == LivenessStatus.Up;

    public static LivenessRecord Learned(long nowMs) => new() { DownSinceMs = nowMs };

    public readonly bool ShouldEcho(long nowMs, long retryMs) =>
        Status != LivenessStatus.Up && (PendingEchoId is null || nowMs - EchoSentAtMs >= retryMs);

    public void EchoSent(long echoId, long nowMs)
    {
        PendingEchoId = echoId;
        EchoSentAtMs = nowMs;
        if (Status != LivenessStatus.Down)
        {
            Status = LivenessStatus.EchoPending;
        }
    }

    public bool OnEchoReply(long echoId)
    {
        if (PendingEchoId != echoId || Status == LivenessStatus.Up)
        {
            return false;
        }

        PendingEchoId = null;
        Status = LivenessStatus.Up;
        DownReason = null;
        return true;
    }

    /// <summary>The endpoint answered a probe of this node's own: UP, whatever was pending. False when it already was.</summary>
    public bool MarkUp()
    {
        var wasUp = Status == LivenessStatus.Up;
        Status = LivenessStatus.Up;
        PendingEchoId = null;
        DownReason = null;
        return !wasUp;
    }

    public bool MarkDown(long nowMs, string reason)
    {
        var wasUp = Status == LivenessStatus.Up;
        if (Status != LivenessStatus.Down)
        {
            DownSinceMs = nowMs;
        }

        Status = LivenessStatus.Down;
        DownReason = reason;
        PendingEchoId = null;
        return wasUp;
    }
}
