using System.Globalization;
using System.Text.Json;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Persistence;

/// <summary>
/// Gossip's files under <c>gossip.data-dir</c>: <c>local.json</c> (host id, generation) and
/// <c>peers.json</c> (the peer table). Every write is atomic. A damaged file never stops the node: it is
/// reported with its path and position, and the node starts as if the file were absent.
/// </summary>
public sealed class GossipStateStore(string dataDirectory)
{
    public const string LocalFileName = "local.json";
    public const string PeersFileName = "peers.json";
    public const int PeersFormatVersion = 1;

    public string DataDirectory { get; } = dataDirectory;

    public string LocalPath => Path.Combine(DataDirectory, LocalFileName);

    public string PeersPath => Path.Combine(DataDirectory, PeersFileName);

    public GossipStateLoadResult Load()
    {
        var warnings = new List<string>();
        var local = Read(LocalPath, GossipStateJsonContext.Default.PersistedLocalNode, warnings);
        if (local is not null && local.HostId == Guid.Empty)
        {
            warnings.Add($"{LocalPath}: hostId is missing or empty; a new host id will be generated");
            local = null;
        }

        var peers = new List<PersistedPeer>();
        var file = Read(PeersPath, GossipStateJsonContext.Default.PeerTableFile, warnings);
        if (file?.Peers is { } stored)
        {
            for (var i = 0; i < stored.Count; i++)
            {
                var peer = stored[i];
                var error = "entry is null";
                if (peer is null || !EndpointAddress.TryParse(peer.Address, out _, out error))
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{PeersPath}: peers[{i}] skipped: {error}"));
                    continue;
                }

                peers.Add(peer);
            }
        }

        return new GossipStateLoadResult(local, peers, warnings);
    }

    public void SaveLocal(PersistedLocalNode local) =>
        AtomicFile.Write(LocalPath, JsonSerializer.SerializeToUtf8Bytes(local, GossipStateJsonContext.Default.PersistedLocalNode));

    public void SavePeers(IEnumerable<PersistedPeer> peers) =>
        AtomicFile.Write(PeersPath, JsonSerializer.SerializeToUtf8Bytes(
            new PeerTableFile(PeersFormatVersion, peers.OrderBy(peer => peer.Address, StringComparer.Ordinal).ToList()),
            GossipStateJsonContext.Default.PeerTableFile));

    /// <summary>
    /// Identity for a start at <paramref name="nowMs"/>: the stored host id (or a new one) and the next
    /// generation, <c>max(stored + 1, now)</c>, saved before it is used so a crash cannot reuse it.
    /// </summary>
    public PersistedLocalNode BeginRun(long nowMs, GossipStateLoadResult loaded, Func<Guid>? newHostId = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var next = new PersistedLocalNode(
            loaded.Local?.HostId ?? (newHostId ?? Guid.NewGuid)(),
            Protocol.Gossip.Generation.Next(loaded.Local?.Generation, nowMs));
        SaveLocal(next);
        return next;
    }

    private static T? Read<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, List<string> warnings)
        where T : class
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            warnings.Add($"{path}: cannot be read ({e.Message}); starting without it");
            return null;
        }

        if (bytes.Length == 0)
        {
            warnings.Add($"{path}: file is empty (truncated?); starting without it");
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(bytes, type);
            if (value is null)
            {
                warnings.Add($"{path}: contains null; starting without it");
            }

            return value;
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"{path}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}")
                : path;
            warnings.Add($"{where}: corrupt or truncated JSON ({e.Message}); starting with an empty {(typeof(T) == typeof(PeerTableFile) ? "peer table" : "identity")}");
            return null;
        }
    }
}
