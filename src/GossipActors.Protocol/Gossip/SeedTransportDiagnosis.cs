using System.Globalization;
using System.Text;
using GossipActors.Protocol.Model;

namespace GossipActors.Protocol.Gossip;

/// <summary>
/// What the transport saw while talking to one seed. Each transport fills in what it knows (the TCP
/// one: refusals, time-outs, handshakes, sizes; the simulated one: deliveries and drops). The split of
/// small and large messages is the MTU tell: small ones answered while large ones were not.
/// </summary>
public sealed record SeedTransportDiagnosis
{
    public int ConnectionsRefused { get; init; }

    public int TimedOut { get; init; }

    public long? TimeoutAfterMs { get; init; }

    public string? HandshakeRejectedReason { get; init; }

    public long BytesSent { get; init; }

    public long BytesReceived { get; init; }

    public int SmallMessagesSent { get; init; }

    public int SmallMessagesAnswered { get; init; }

    public int LargeMessagesSent { get; init; }

    public int LargeMessagesAnswered { get; init; }

    /// <summary>Where "large" starts, in bytes (for the text).</summary>
    public int LargeMessageThresholdBytes { get; init; } = 1400;

    /// <summary>Anything else the transport wants the operator to read.</summary>
    public string? Note { get; init; }

    public string Describe()
    {
        var parts = new List<string>();
        var inv = CultureInfo.InvariantCulture;
        if (ConnectionsRefused > 0)
        {
            parts.Add(string.Create(inv, $"connection refused ({ConnectionsRefused} time{(ConnectionsRefused == 1 ? "" : "s")})"));
        }

        if (TimedOut > 0)
        {
            parts.Add(TimeoutAfterMs is { } after
                ? string.Create(inv, $"timed out ({TimedOut} time{(TimedOut == 1 ? "" : "s")}, after {after} ms)")
                : string.Create(inv, $"timed out ({TimedOut} time{(TimedOut == 1 ? "" : "s")})"));
        }

        if (HandshakeRejectedReason is not null)
        {
            parts.Add($"handshake rejected: {HandshakeRejectedReason}");
        }

        parts.Add(string.Create(inv, $"{BytesSent} bytes sent, {BytesReceived} bytes received"));
        if (LargeMessagesSent > 0 && LargeMessagesAnswered == 0 && SmallMessagesAnswered > 0)
        {
            parts.Add(string.Create(inv,
                $"small messages were answered ({SmallMessagesAnswered}/{SmallMessagesSent}) while large ones (>= {LargeMessageThresholdBytes} bytes) were not (0/{LargeMessagesSent}): suspect an MTU or a middlebox dropping large packets"));
        }
        else if (SmallMessagesSent + LargeMessagesSent > 0)
        {
            parts.Add(string.Create(inv,
                $"small messages answered {SmallMessagesAnswered}/{SmallMessagesSent}, large (>= {LargeMessageThresholdBytes} bytes) {LargeMessagesAnswered}/{LargeMessagesSent}"));
        }

        if (Note is not null)
        {
            parts.Add(Note);
        }

        return string.Join("; ", parts);
    }

    public override string ToString() => Describe();
}

/// <summary>Supplies what the transport knows about a seed; the TCP remoting layer plugs its own in.</summary>
public interface ISeedTransportDiagnostics
{
    SeedTransportDiagnosis? Diagnose(EndpointAddress local, EndpointAddress seed);
}

/// <summary>One seed (or remembered peer) tried during the shadow round, and what happened.</summary>
public sealed record SeedAttempt(
    EndpointAddress Endpoint,
    bool IsSeed,
    int ProbesSent,
    int RepliesReceived,
    string? LastReply,
    SeedTransportDiagnosis? Transport)
{
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Endpoint} ({(IsSeed ? "seed" : "remembered peer")}): ");
        text.Append(CultureInfo.InvariantCulture, $"{ProbesSent} shadow-round SYN{(ProbesSent == 1 ? "" : "s")} sent, ");
        text.Append(RepliesReceived == 0
            ? "no reply"
            : string.Create(CultureInfo.InvariantCulture, $"{RepliesReceived} repl{(RepliesReceived == 1 ? "y" : "ies")} ({LastReply})"));
        text.Append("; transport: ");
        text.Append(Transport?.Describe() ?? "no transport diagnosis available");
        return text.ToString();
    }
}

/// <summary>Start-up failed because no seed answered the shadow round.</summary>
public sealed class SeedsUnreachableException : Exception
{
    public SeedsUnreachableException(string message, IReadOnlyList<SeedAttempt> attempts)
        : base(message) => Attempts = attempts;

    public SeedsUnreachableException()
        : this("Unable to gossip with any seeds", [])
    {
    }

    public SeedsUnreachableException(string message)
        : this(message, [])
    {
    }

    public SeedsUnreachableException(string message, Exception inner)
        : base(message, inner) => Attempts = [];

    public IReadOnlyList<SeedAttempt> Attempts { get; }
}

/// <summary>Start-up refused because a live node with a newer generation owns our address or host id.</summary>
public sealed class EndpointCollisionException : Exception
{
    public EndpointCollisionException(string message)
        : base(message)
    {
    }

    public EndpointCollisionException()
    {
    }

    public EndpointCollisionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
