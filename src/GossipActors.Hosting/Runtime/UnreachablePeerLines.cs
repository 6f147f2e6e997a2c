using System.Text.RegularExpressions;
using GossipActors.Gossip.Logging;

namespace GossipActors.Hosting.Runtime;

/// <summary>
/// Akka.Remote's own lines about an address it cannot associate with ("Tried to associate with unreachable remote
/// address [X]", "Association with remote system [X] has failed") come every time a message is sent to a dead or
/// left endpoint after the retry gate (akka.remote.retry-gate-closed-for) reopens: with gossip that is about once a
/// second per dead peer, for days. They pass here per address: the first at once, then at most one a minute, naming
/// how many it stands for, so a dead peer stays visible once a minute and the log stays readable. The transition
/// itself is logged by gossip ("X is now DOWN"). Every other line passes unchanged.
/// </summary>
public sealed partial class UnreachablePeerLines(TimeProvider? time = null)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly LogThrottle _throttle = new(Interval, time);

    /// <summary>The line to write for <paramref name="message"/>, or null to hold it back.</summary>
    public string? Admit(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = Repeating().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var key = $"{match.Groups["kind"].Value} {match.Groups["address"].Value}";
        return _throttle.ShouldLog(key, out var heldBack) ? StackFrame().Replace(message, string.Empty) + _throttle.HeldBackSuffix(heldBack) : null;
    }

    /// <summary>Akka renders the reason's exception into these lines whole; its stack frames say nothing about the network.</summary>
    [GeneratedRegex(@"\s+at [^\s(]+\([^)]*\)(?: in \S+:line \d+)?")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"^(?<kind>Tried to associate with unreachable remote address|Association with remote system) \[?(?<address>[^\]\s]+)")]
    private static partial Regex Repeating();
}
