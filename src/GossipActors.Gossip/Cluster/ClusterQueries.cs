using System.Globalization;
using System.Text;
using GossipActors.Protocol.FailureDetection;
using GossipActors.Protocol.Gossip;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Cluster;

/// <summary>One line of <c>gossipctl status</c>.</summary>
public sealed record StatusRow(
    EndpointAddress Endpoint,
    bool IsLocal,
    string Liveness,
    string State,
    string? HostId,
    string? Dc,
    string? Rack,
    string? Load,
    int Generation,
    int HeartBeatVersion,
    double? Phi,
    Protocol.Clock.ClockSkewEstimate? ClockSkew = null);

/// <summary>One application state in <c>gossipinfo</c>: printed <c>NAME:version:value</c>.</summary>
public sealed record GossipInfoValue(string Key, int Version, string Value)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key}:{Version}:{Value}");
}

/// <summary>One endpoint in <c>gossipctl gossipinfo</c>.</summary>
public sealed record GossipInfoEntry(EndpointAddress Endpoint, int Generation, int HeartBeat, IReadOnlyList<GossipInfoValue> States)
{
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append('/').Append(Endpoint).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"  generation:{Generation}\n  heartbeat:{HeartBeat}\n");
        foreach (var value in States)
        {
            text.Append("  ").Append(value).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary><c>gossipctl describecluster</c>: schema and configuration agreement at a glance.</summary>
/// <param name="ConfigVersions">Reachable nodes grouped by the fingerprint of their cluster-wide settings, this node's group first.</param>
public sealed record ClusterDescription(
    string ClusterName,
    IReadOnlyDictionary<string, IReadOnlyList<EndpointAddress>> SchemaVersions,
    IReadOnlyList<EndpointAddress> Unreachable,
    IReadOnlyList<ConfigGroup> ConfigVersions);

/// <summary>Nodes that gossip the same CONFIG.</summary>
/// <param name="Fingerprint">The digest of their cluster-wide settings; <see cref="ClusterQueries.NoSchema"/> for nodes that gossip none.</param>
/// <param name="DiffersIn">The settings in which they differ from the answering node (empty for its own group).</param>
public sealed record ConfigGroup(string Fingerprint, IReadOnlyList<EndpointAddress> Endpoints, IReadOnlyList<string> DiffersIn);

/// <summary>Builds the admin answers from a view; pure, so the actors stay thin and the output is testable.</summary>
public static class ClusterQueries
{
    public const string NoSchema = "(none)";

    public static IReadOnlyList<StatusRow> Status(GossipView view, IReadOnlyList<EndpointFailureSnapshot> failureDetector)
    {
        ArgumentNullException.ThrowIfNull(view);
        var detector = failureDetector.ToDictionary(s => s.Endpoint);
        return view.Members.Select(m => new StatusRow(
            m.Endpoint,
            m.IsLocal,
            m.Liveness switch
            {
                LivenessStatus.Up => "UP",
                LivenessStatus.Down => "DOWN",
                _ => "UNKNOWN",
            },
            EndpointStatus.Kind(m.Status) is { Length: > 0 } kind ? kind : "JOINING",
            m.Get(ApplicationStateKeys.HostId),
            m.Get(ApplicationStateKeys.Dc),
            m.Get(ApplicationStateKeys.Rack),
            m.Get(ApplicationStateKeys.Load),
            m.HeartBeat.Generation,
            m.HeartBeat.Version,
            m.IsLocal ? null : detector.TryGetValue(m.Endpoint, out var p) ? p.Phi : null,
            m.IsLocal ? null : detector.TryGetValue(m.Endpoint, out var s) ? s.ClockSkew : null)).ToList();
    }

    public static IReadOnlyList<GossipInfoEntry> GossipInfo(GossipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Members.Select(m => new GossipInfoEntry(
            m.Endpoint,
            m.HeartBeat.Generation,
            m.HeartBeat.Version,
            m.ApplicationStates.Select(kv => new GossipInfoValue(kv.Key, kv.Value.Version, kv.Value.Value)).ToList())).ToList();
    }

    public static ClusterDescription Describe(string clusterName, GossipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var unreachable = view.Members.Where(m => !m.IsUp).Select(m => m.Endpoint).ToList();
        var schemas = view.Members
            .Where(m => m.IsUp)
            .GroupBy(m => m.Get(ApplicationStateKeys.Schema) ?? NoSchema, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<EndpointAddress>)g.Select(m => m.Endpoint).ToList(), StringComparer.Ordinal);
        return new ClusterDescription(clusterName, schemas, unreachable, ConfigGroups(view));
    }

    /// <summary>Reachable members grouped by CONFIG, the answering node's group first, each naming how it differs.</summary>
    public static IReadOnlyList<ConfigGroup> ConfigGroups(GossipView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var ownValue = view.Member(view.LocalEndpoint)?.Get(ApplicationStateKeys.Config) ?? string.Empty;
        ClusterSettingsFingerprint.TryParse(ownValue, out var own);
        return [.. view.Members
            .Where(m => m.IsUp || m.Endpoint == view.LocalEndpoint)
            .GroupBy(m => m.Get(ApplicationStateKeys.Config) ?? string.Empty, StringComparer.Ordinal)
            .Select(g => new ConfigGroup(
                ClusterSettingsFingerprint.TryParse(g.Key, out var theirs) ? theirs!.Digest : NoSchema,
                [.. g.Select(m => m.Endpoint)],
                g.Key == ownValue ? [] : own?.DifferencesFrom(g.Key) ?? ["(this node gossips no readable CONFIG)"]))
            .OrderBy(g => g.Endpoints.Contains(view.LocalEndpoint) ? 0 : 1)
            .ThenBy(g => g.Fingerprint, StringComparer.Ordinal)];
    }
}
