namespace GossipActors.Protocol.Gossip;

public enum LivenessStatus
{
    /// <summary>Known, never confirmed alive (saved peer, or just learned and not yet echoed).</summary>
    Unknown,

    /// <summary>An echo is out; the endpoint is reported UP only when its reply comes back.</summary>
    EchoPending,

    Up,

    Down,
}

/// <summary>
/// One endpoint's liveness as seen locally. UP is only ever reached through an echo reply, so a node
/// we merely heard about second-hand (its heartbeat relayed by others) is not reported reachable.
/// </summary>
public sealed class EndpointLiveness
{
    public LivenessStatus Status { get; private set; } = LivenessStatus.Unknown;

    public long? PendingEchoId { get; private set; }

    public long EchoSentAtMs { get; private set; }

    /// <summary>When it was last marked down (or first learned, if it never came up).</summary>
    public long DownSinceMs { get; private set; }

    public string? DownReason { get; private set; }

    public bool IsUp => Status == LivenessStatus.Up;

    public static EndpointLiveness Learned(long nowMs) => new() { DownSinceMs = nowMs };

    /// <summary>True when an echo should go out now: not up, and no echo younger than the retry delay is pending.</summary>
    public bool ShouldEcho(long nowMs, long retryMs) =>
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

    /// <summary>Returns true when this reply makes the endpoint UP.</summary>
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

    /// <summary>Returns true when the endpoint was UP (so a Down event is due).</summary>
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
