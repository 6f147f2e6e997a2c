using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GossipActors.Hocon;

namespace GossipActors.Gossip.Cluster;

/// <summary>
/// The settings that must agree across a cluster, reduced to what every node gossips as its <c>CONFIG</c> application
/// state: <c>LIST;DIGEST;HASHES</c>, where DIGEST (8 hex digits) covers them all and HASHES holds 4 hex digits per
/// setting in the order of <see cref="Settings"/> (list version <see cref="ListVersion"/>), so a peer can name which
/// ones differ without any value (a keyring key, say) leaving the node. About 80 bytes, gossiped once per start.
/// </summary>
public sealed record ClusterSettingsFingerprint(int List, string Digest, IReadOnlyList<string> SettingHashes)
{
    /// <summary>Bumped whenever <see cref="Settings"/> changes, since positions name the settings.</summary>
    public const int ListVersion = 2;

    private const int HashDigits = 4;

    /// <summary>
    /// Setting path and how its value is compared. Two nodes that differ here disagree about how the cluster behaves
    /// (membership, detection, what goes on the wire), not only about themselves; dc, rack, ports and data dirs are
    /// per node and are left out.
    /// </summary>
    public static IReadOnlyList<(string Path, Func<Config, string, string> Read)> Settings { get; } =
    [
        ("gossip.cluster-name", Text),
        ("gossip.seeds", SortedList),
        ("gossip.interval", Duration),
        ("gossip.fanout", Text),
        ("gossip.news-round-min-gap", Duration),
        ("gossip.failure-detector.heartbeats", Text),
        ("gossip.failure-detector.heartbeat-interval", Duration),
        ("gossip.failure-detector.observers", Text),
        ("gossip.failure-detector.model", Text),
        ("gossip.failure-detector.phi-convict-threshold", Number),
        ("gossip.failure-detector.acceptable-heartbeat-pause", Duration),
        ("gossip.failure-detector.min-std-deviation", Duration),
        ("remote.mtu", Text),
        ("remote.mtu-discovery", Text),
        ("remote.maximum-message-size", Bytes),
        ("remote.compression", Text),
        ("remote.tls.enabled", Text),
        ("remote.keyring", KeyringInUse),
    ];

    public static ClusterSettingsFingerprint Of(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var values = Settings.Select(s => s.Path + "=" + s.Read(config, s.Path)).ToList();
        return new ClusterSettingsFingerprint(
            ListVersion,
            Hex(string.Join('\n', values), 8),
            [.. values.Select(v => Hex(v, HashDigits))]);
    }

    /// <summary>Reads a peer's CONFIG value; false for anything else (an older node without one, or garbage).</summary>
    public static bool TryParse(string? value, out ClusterSettingsFingerprint? fingerprint)
    {
        fingerprint = null;
        var parts = value?.Split(';');
        if (parts is not { Length: 3 } || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var list) ||
            parts[1].Length != 8 || parts[2].Length % HashDigits != 0 || !parts[1].Concat(parts[2]).All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        fingerprint = new ClusterSettingsFingerprint(list, parts[1], [.. parts[2].Chunk(HashDigits).Select(c => new string(c))]);
        return true;
    }

    /// <summary>The settings <paramref name="other"/> holds differently, by path; empty when they agree.</summary>
    public IReadOnlyList<string> DifferingSettings(ClusterSettingsFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Digest == Digest && other.List == List)
        {
            return [];
        }

        if (other.List != List || other.SettingHashes.Count != SettingHashes.Count || List != ListVersion)
        {
            return [string.Create(CultureInfo.InvariantCulture, $"(another list of compared settings: version {other.List}, this node's {List})")];
        }

        return [.. Settings.Select(s => s.Path).Where((_, i) => SettingHashes[i] != other.SettingHashes[i])];
    }

    /// <summary>How a peer's CONFIG value differs from these settings: the setting paths, or why they cannot be named.</summary>
    public IReadOnlyList<string> DifferencesFrom(string? theirs) =>
        string.IsNullOrEmpty(theirs) ? ["(gossips no CONFIG: a node of an older release)"]
        : TryParse(theirs, out var parsed) ? DifferingSettings(parsed!)
        : ["(an unreadable CONFIG)"];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{List};{Digest};{string.Concat(SettingHashes)}");

    private static string Text(Config c, string path) => c.HasPath(path) ? c.GetString(path) : "(unset)";

    private static string Duration(Config c, string path) =>
        c.HasPath(path) ? c.GetDuration(path).Ticks.ToString(CultureInfo.InvariantCulture) : "(unset)";

    private static string Number(Config c, string path) =>
        c.HasPath(path) ? c.GetDouble(path).ToString("R", CultureInfo.InvariantCulture) : "(unset)";

    private static string Bytes(Config c, string path) =>
        c.HasPath(path) ? c.GetByteSize(path).ToString(CultureInfo.InvariantCulture) : "(unset)";

    // Seeds listed in another order are the same seeds.
    private static string SortedList(Config c, string path) =>
        c.HasPath(path) ? string.Join(',', c.GetStringList(path).Order(StringComparer.OrdinalIgnoreCase)) : "(unset)";

    // Whether a keyring is in force must match (a node without one cannot talk to one with); the keys themselves may
    // differ during a rotation and never leave the node, not even hashed.
    private static string KeyringInUse(Config c, string path) =>
        (c.HasPath(path + ".keys") && c.GetStringList(path + ".keys").Count > 0) ||
        (c.HasPath(path + ".file") && c.GetString(path + ".file").Length > 0) ? "on" : "off";

    private static string Hex(string text, int digits) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..digits];
}
