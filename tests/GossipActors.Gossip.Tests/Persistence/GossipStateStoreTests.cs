using GossipActors.Gossip.Persistence;
using Xunit;

namespace GossipActors.Gossip.Tests.Persistence;

public sealed class GossipStateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gossip-store-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Round_trips_identity_and_peer_table()
    {
        var store = new GossipStateStore(_directory);
        var hostId = Guid.NewGuid();
        store.SaveLocal(new PersistedLocalNode(hostId, 1_700_000_000));
        store.SavePeers([
            new PersistedPeer("10.0.0.2:7000", Guid.NewGuid(), "dc1", "r1", 1_700_000_000_123),
            new PersistedPeer("[::1]:7001", null, null, null, 5),
        ]);

        var loaded = new GossipStateStore(_directory).Load();

        Assert.Empty(loaded.Warnings);
        Assert.Equal(new PersistedLocalNode(hostId, 1_700_000_000), loaded.Local);
        Assert.Equal(["10.0.0.2:7000", "[::1]:7001"], loaded.Peers.Select(p => p.Address));
        Assert.Equal("dc1", loaded.Peers[0].Dc);
    }

    [Fact]
    public void Missing_directory_starts_empty_without_warnings()
    {
        var loaded = new GossipStateStore(_directory).Load();
        Assert.Null(loaded.Local);
        Assert.Empty(loaded.Peers);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void Corrupt_peers_file_is_reported_with_path_and_position_and_peers_start_empty()
    {
        var store = new GossipStateStore(_directory);
        store.SaveLocal(new PersistedLocalNode(Guid.NewGuid(), 7));
        File.WriteAllText(store.PeersPath, "{\n  \"formatVersion\": 1,\n  \"peers\": [ {\"address\": \"10.0.0.2:7000\", oops } ]\n}");

        var loaded = store.Load();

        Assert.Empty(loaded.Peers);
        Assert.NotNull(loaded.Local);
        var warning = Assert.Single(loaded.Warnings);
        Assert.StartsWith(store.PeersPath + ":3:", warning, StringComparison.Ordinal);
        Assert.Contains("empty peer table", warning, StringComparison.Ordinal);
        // Kept for the operator, not overwritten by the next save.
        Assert.Contains(Directory.GetFiles(_directory), f => Path.GetFileName(f).StartsWith("peers.json.corrupt-", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_peers_file_is_reported_and_peers_start_empty()
    {
        var store = new GossipStateStore(_directory);
        store.SavePeers([new PersistedPeer("10.0.0.2:7000", null, "dc1", "r1", 1)]);
        var bytes = File.ReadAllBytes(store.PeersPath);
        File.WriteAllBytes(store.PeersPath, bytes[..(bytes.Length / 2)]);

        var loaded = store.Load();

        Assert.Empty(loaded.Peers);
        Assert.Contains(loaded.Warnings, w => w.StartsWith(store.PeersPath, StringComparison.Ordinal) && w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_peer_addresses_are_reported_individually()
    {
        var store = new GossipStateStore(_directory);
        store.SavePeers([new PersistedPeer("10.0.0.2:7000", null, null, null, 1), new PersistedPeer("no-port", null, null, null, 1)]);

        var loaded = store.Load();

        Assert.Contains(loaded.Warnings, w => w.Contains("peers[1]", StringComparison.Ordinal) && w.Contains("no-port", StringComparison.Ordinal));
        Assert.Equal("10.0.0.2:7000", Assert.Single(loaded.Peers).Address);
    }

    [Theory]
    [InlineData("", "file is empty (truncated?)")]
    [InlineData("{\"hostId\": \"0b", "corrupt or truncated JSON")]
    [InlineData("{\"hostId\": \"00000000-0000-0000-0000-000000000000\", \"generation\": 5}", "hostId is missing or empty")]
    public void A_corrupt_identity_stops_start_up_naming_the_file_and_is_left_as_it_is(string content, string problem)
    {
        var store = new GossipStateStore(_directory);
        Directory.CreateDirectory(_directory);
        File.WriteAllText(store.LocalPath, content);

        var error = Assert.Throws<CorruptStateFileException>(() => store.Load());

        Assert.StartsWith(store.LocalPath, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains("--discard-corrupt-state", error.Message, StringComparison.Ordinal);
        Assert.Equal(content, File.ReadAllText(store.LocalPath));
    }

    [Fact]
    public void A_truncated_identity_is_reported_with_line_and_column()
    {
        var store = new GossipStateStore(_directory);
        store.SaveLocal(new PersistedLocalNode(Guid.NewGuid(), 1_700_000_000));
        var bytes = File.ReadAllBytes(store.LocalPath);
        File.WriteAllBytes(store.LocalPath, bytes[..(bytes.Length - 5)]);

        var error = Assert.Throws<CorruptStateFileException>(() => store.Load());

        Assert.Matches($"^{System.Text.RegularExpressions.Regex.Escape(store.LocalPath)}:\\d+:\\d+: corrupt or truncated JSON", error.Message);
    }

    [Fact]
    public void Discarding_a_corrupt_identity_moves_it_aside_and_starts_with_a_new_host_id()
    {
        var store = new GossipStateStore(_directory);
        Directory.CreateDirectory(_directory);
        File.WriteAllText(store.LocalPath, "{ broken");

        var loaded = store.Load(discardCorruptIdentity: true, nowMs: 1_700_000_000_000);

        Assert.Null(loaded.Local);
        var aside = store.LocalPath + ".corrupt-20231114T221320Z";
        Assert.Equal("{ broken", File.ReadAllText(aside));
        Assert.False(File.Exists(store.LocalPath));
        Assert.Contains(loaded.Warnings, w => w.Contains(aside, StringComparison.Ordinal) && w.Contains("new host id", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_dir_that_is_a_regular_file_is_refused_naming_the_setting()
    {
        File.WriteAllText(_directory, "not a directory");
        try
        {
            var error = Assert.Throws<DataDirectoryException>(() => new GossipStateStore(_directory).Load());
            Assert.Equal($"gossip.data-dir (--data-dir) '{_directory}' is not usable: it is a regular file, not a directory", error.Message);
        }
        finally
        {
            File.Delete(_directory);
        }
    }

    [Fact]
    public void A_departed_peer_round_trips_with_its_whole_state_and_a_decommissioned_identity_keeps_its_mark()
    {
        var store = new GossipStateStore(_directory);
        var left = new PersistedEndpointState(1_700_000_001, 7, new Dictionary<string, PersistedValue>
        {
            ["STATUS"] = new("LEFT,1700259200000", 6),
            ["HOST_ID"] = new("5f0c5a4e-0000-4000-8000-000000000001", 2),
        });
        store.SavePeers([new PersistedPeer("10.0.0.3:7000", null, "dc1", "r1", 9, left)]);
        store.SaveLocal(new PersistedLocalNode(Guid.NewGuid(), 5, DecommissionedAtMs: 1_700_000_000_000));

        var loaded = store.Load();

        var peer = Assert.Single(loaded.Peers);
        Assert.NotNull(peer.Departed);
        var state = peer.Departed.ToEndpointState();
        Assert.Equal(new Protocol.Model.HeartBeatState(1_700_000_001, 7), state.HeartBeat);
        Assert.Equal(new Protocol.Model.VersionedValue("LEFT,1700259200000", 6), state.Get("STATUS"));
        Assert.Equal(1_700_000_000_000, loaded.Local!.DecommissionedAtMs);
    }

    [Fact]
    public void Writes_are_atomic_and_leave_no_temporary_files()
    {
        var store = new GossipStateStore(_directory);
        for (var i = 0; i < 20; i++)
        {
            store.SavePeers(Enumerable.Range(0, i + 1).Select(j => new PersistedPeer($"10.0.0.{j + 1}:7000", null, null, null, j)));
        }

        Assert.Equal([GossipStateStore.PeersFileName], Directory.GetFiles(_directory).Select(Path.GetFileName));
        Assert.Equal(20, store.Load().Peers.Count);
    }

    [Fact]
    public void A_failed_write_keeps_the_previous_file_intact()
    {
        var store = new GossipStateStore(_directory);
        store.SavePeers([new PersistedPeer("10.0.0.2:7000", null, null, null, 1)]);
        var before = File.ReadAllBytes(store.PeersPath);

        // The target is a directory now: the rename fails after the temporary file was written.
        var blocked = Path.Combine(_directory, "blocked");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => AtomicFile.Write(blocked, "new"u8));

        Assert.Equal(before, File.ReadAllBytes(store.PeersPath));
        Assert.DoesNotContain(Directory.GetFiles(_directory), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_run_gets_a_higher_generation_and_keeps_its_host_id()
    {
        var store = new GossipStateStore(_directory);
        var first = store.BeginRun(1_700_000_000_000, store.Load());
        var second = store.BeginRun(1_600_000_000_000, store.Load()); // clock went backwards

        Assert.Equal(first.HostId, second.HostId);
        Assert.Equal(1_700_000_000, first.Generation);
        Assert.Equal(1_700_000_001, second.Generation);
        Assert.Equal(second, store.Load().Local);
    }
}
