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
    private LivenessRecord _record;

    public LivenessStatus Status => _record.Status;

    public long? PendingEchoId => _record.PendingEchoId;

    public long EchoSentAtMs => _record.EchoSentAtMs;

    /// <summary>When it was last marked down (or first learned, if it never came up).</summary>
    public long DownSinceMs => _record.DownSinceMs;

    public string? DownReason => _record.DownReason;

    public bool IsUp => _record.IsUp;

    public static EndpointLiveness Learned(long nowMs) => new() { _record = LivenessRecord.Learned(nowMs) };

    /// <summary>True when an echo should go out now: not up, and no echo younger than the retry delay is pending.</summary>
    public bool ShouldEcho(long nowMs, long retryMs) => _record.ShouldEcho(nowMs, retryMs);

    public void EchoSent(long echoId, long nowMs) => _record.EchoSent(echoId, nowMs);

    /// <summary>Returns true when this reply makes the endpoint UP.</summary>
    public bool OnEchoReply(long echoId) => _record.OnEchoReply(echoId);

    /// <summary>Returns true when the endpoint was UP (so a Down event is due).</summary>
    public bool MarkDown(long nowMs, string reason) => _record.MarkDown(nowMs, reason);
}
