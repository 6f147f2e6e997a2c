using System.Text.RegularExpressions;

namespace GossipActors.ClusterComparison.Systems;

/// <summary>
/// Serf's own log line for a membership change, e.g. <c>2026/12/04 17:51:31 [INFO] serf: EventMemberFailed: n3 127.0.0.1</c>.
/// Serf logs it the moment its state changes; the "Received event" lines and event handlers come later, after Serf
/// coalesces member events (about a second), so they would time Serf's batching, not its protocol.
/// </summary>
public static partial class SerfLogLine
{
    /// <summary>The event (Join, Failed, Leave, Update, Reap) and the member's node name, when the line is one.</summary>
    public static bool TryParse(string line, out string kind, out string nodeName)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = EventPattern().Match(line);
        kind = match.Success ? match.Groups[1].Value : string.Empty;
        nodeName = match.Success ? match.Groups[2].Value : string.Empty;
        return match.Success;
    }

    [GeneratedRegex(@"\bserf: EventMember(Join|Failed|Leave|Update|Reap): (\S+)")]
    private static partial Regex EventPattern();
}
