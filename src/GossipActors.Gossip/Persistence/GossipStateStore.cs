using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GossipActors.Protocol.Model;

namespace GossipActors.Gossip.Persistence;

/// <summary>
/// Gossip's files under <c>gossip.data-dir</c>: <c>local.json</c> (host id, generation, decommissioned) and
/// <c>peers.json</c> (the peer table). Every write is atomic, and a damaged file is never overwritten:
/// a corrupt identity stops start-up (<see cref="CorruptStateFileException"/>) unless the operator asks to
/// discard it, and a corrupt peer table is moved aside with a warning. A data directory that cannot be
/// used raises <see cref="DataDirectoryException"/>.
/// </summary>
public sealed class GossipStateStore(string dataDirectory)
{
    public const string LocalFileName = "local.json";
    public const string PeersFileName = "peers.json";
    public const int PeersFormatVersion = 1;

    /// <summary>How errors name the directory: the setting and the node's flag.</summary>
    public const string SettingName = "gossip.data-dir (--data-dir)";

    public string DataDirectory { get; } = dataDirectory;

    public string LocalPath => Path.Combine(DataDirectory, LocalFileName);

    public string PeersPath => Path.Combine(DataDirectory, PeersFileName);

    /// <summary>Reads both files.</summary>
    /// <param name="discardCorruptIdentity">Move a corrupt <c>local.json</c> aside and start with a new identity instead of throwing.</param>
    /// <param name="nowMs">Names the moved-aside copies; the wall clock when omitted.</param>
    /// <exception cref="CorruptStateFileException"><c>local.json</c> is corrupt and <paramref name="discardCorruptIdentity"/> is false.</exception>
    /// <exception cref="DataDirectoryException">The directory or a file in it cannot be read.</exception>
    public GossipStateLoadResult Load(bool discardCorruptIdentity = false, long? nowMs = null)
    {
        DataDirectoryCheck.EnsureUsable(DataDirectory);

        var warnings = new List<string>();
        var stamp = nowMs ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        PersistedLocalNode? local;
        try
        {
            local = Read(LocalPath, GossipStateJsonContext.Default.PersistedLocalNode);
            if (local is not null && local.HostId == Guid.Empty)
            {
                throw new CorruptFile(LocalPath, "hostId is missing or empty");
            }
        }
        catch (CorruptFile corrupt)
        {
            if (!discardCorruptIdentity)
            {
                throw new CorruptStateFileException(
                    $"{corrupt.Where}: {corrupt.Problem}; the node's identity (host id, generation) cannot be read, and the file is left as it is. " +
                    "Restore it from a backup, or start with --discard-corrupt-state (gossip.discard-corrupt-state = on) to move it aside and start with a new host id.");
            }

            warnings.Add($"{corrupt.Where}: {corrupt.Problem}; moved aside to {MoveAside(LocalPath, stamp)} (gossip.discard-corrupt-state); starting with a new host id");
            local = null;
        }

        var peers = new List<PersistedPeer>();
        PeerTableFile? file = null;
        try
        {
            file = Read(PeersPath, GossipStateJsonContext.Default.PeerTableFile);
        }
        catch (CorruptFile corrupt)
        {
            warnings.Add($"{corrupt.Where}: {corrupt.Problem}; moved aside to {MoveAside(PeersPath, stamp)}; starting with an empty peer table");
        }

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

    /// <exception cref="DataDirectoryException">The file cannot be written.</exception>
    public void SaveLocal(PersistedLocalNode local) =>
        Write(LocalPath, JsonSerializer.SerializeToUtf8Bytes(local, GossipStateJsonContext.Default.PersistedLocalNode));

    /// <exception cref="DataDirectoryException">The file cannot be written.</exception>
    public void SavePeers(IEnumerable<PersistedPeer> peers) =>
        Write(PeersPath, JsonSerializer.SerializeToUtf8Bytes(
            new PeerTableFile(PeersFormatVersion, peers.OrderBy(peer => peer.Address, StringComparer.Ordinal).ToList()),
            GossipStateJsonContext.Default.PeerTableFile));

    /// <summary>
    /// Identity for a start at <paramref name="nowMs"/>: the stored host id (or a new one) and the next
    /// generation, <c>max(stored + 1, now)</c>, saved before it is used so a crash cannot reuse it.
    /// Starting again clears the decommissioned mark (the caller checked that this is allowed).
    /// </summary>
    /// <exception cref="DataDirectoryException">The identity cannot be saved.</exception>
    public PersistedLocalNode BeginRun(long nowMs, GossipStateLoadResult loaded, Func<Guid>? newHostId = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var next = new PersistedLocalNode(
            loaded.Local?.HostId ?? (newHostId ?? Guid.NewGuid)(),
            Protocol.Gossip.Generation.Next(loaded.Local?.Generation, nowMs));
        SaveLocal(next);
        return next;
    }

    private void Write(string path, byte[] content)
    {
        try
        {
            AtomicFile.Write(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable($"cannot write {Path.GetFileName(path)}: {e.Message}", e);
        }
    }

    private DataDirectoryException Unusable(string reason, Exception? inner) =>
        DataDirectoryCheck.Unusable(DataDirectory, reason, inner);

    private T? Read<T>(string path, JsonTypeInfo<T> type)
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
            throw Unusable($"cannot read {Path.GetFileName(path)}: {e.Message}", e);
        }

        if (bytes.Length == 0)
        {
            throw new CorruptFile(path, "file is empty (truncated?)");
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? throw new CorruptFile(path, "contains null");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? string.Create(CultureInfo.InvariantCulture, $"{path}:{line + 1}:{(e.BytePositionInLine ?? 0) + 1}")
                : path;
            throw new CorruptFile(path, $"corrupt or truncated JSON ({e.Message})") { Where = where };
        }
    }

    /// <summary>Keeps a damaged file for the operator under a new name; the original name is free for a fresh one.</summary>
    private string MoveAside(string path, long nowMs)
    {
        var aside = string.Create(CultureInfo.InvariantCulture,
            $"{path}.corrupt-{DateTimeOffset.FromUnixTimeMilliseconds(nowMs):yyyyMMdd'T'HHmmss'Z'}");
        try
        {
            File.Move(path, aside, overwrite: false);
            return aside;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Unusable($"cannot move the damaged {Path.GetFileName(path)} aside to {aside}: {e.Message}", e);
        }
    }

    private sealed class CorruptFile(string path, string problem) : Exception(problem)
    {
        public string Where { get; init; } = path;

        public string Problem { get; } = problem;
    }
}
