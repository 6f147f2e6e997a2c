using System.Globalization;
using System.Text;
using System.Text.Json;

namespace GossipActors.ClusterComparison.AkkaNode;

/// <summary>
/// One line the bare Akka.Cluster node prints on stdout, one JSON object per line:
/// <c>{"event":"up","member":"127.0.0.1:4000","unixMs":1764870000123}</c>. The node writes it and the harness
/// reads it; this file is compiled into both, so the two sides cannot disagree on the format.
/// </summary>
/// <param name="Kind">One of the constants below.</param>
/// <param name="Member">HOST:PORT of the member the event is about (the node itself for <see cref="Listening"/>).</param>
/// <param name="UnixMs">Wall-clock time the node handled the event, milliseconds since 1970 (UTC).</param>
public sealed record AkkaNodeEvent(string Kind, string Member, long UnixMs)
{
    /// <summary>The ActorSystem started and its remoting listens.</summary>
    public const string Listening = "listening";

    /// <summary>Akka.Cluster's MemberUp: the leader moved the member to Up after gossip convergence.</summary>
    public const string Up = "up";

    /// <summary>Akka.Cluster's UnreachableMember in this node's view (its own failure detector or a gossiped observation).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Akka.Cluster's ReachableMember: the member became reachable again in this node's view.</summary>
    public const string Reachable = "reachable";

    /// <summary>Akka.Cluster's MemberRemoved.</summary>
    public const string Removed = "removed";

    private static readonly string[] Kinds = [Listening, Up, Unreachable, Reachable, Removed];

    public string ToJsonLine()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("event", Kind);
            writer.WriteString("member", Member);
            writer.WriteNumber("unixMs", UnixMs);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Parses one stdout line. Lines that are not events (Akka's own log output) give false with a null error;
    /// a line that looks like an event but is malformed gives false with an error naming what is wrong.
    /// </summary>
    public static bool TryParse(string line, out AkkaNodeEvent? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(line);
        parsed = null;
        error = null;
        var text = line.Trim();
        if (!text.StartsWith("{\"event\"", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var kind = StringProperty(root, "event");
            var member = StringProperty(root, "member");
            if (!root.TryGetProperty("unixMs", out var time) || time.ValueKind != JsonValueKind.Number || !time.TryGetInt64(out var unixMs))
            {
                error = $"event line without a whole-number 'unixMs': {text}";
                return false;
            }

            if (kind is null || Array.IndexOf(Kinds, kind) < 0)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"unknown event '{kind}' (expected one of {string.Join(", ", Kinds)}): {text}");
                return false;
            }

            if (string.IsNullOrEmpty(member))
            {
                error = $"event line without a 'member': {text}";
                return false;
            }

            parsed = new AkkaNodeEvent(kind, member, unixMs);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"event line is not valid JSON ({ex.Message}): {text}";
            return false;
        }
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
