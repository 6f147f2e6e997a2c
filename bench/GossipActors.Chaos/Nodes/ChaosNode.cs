using System.Globalization;
using GossipActors.AdminClient;
using GossipActors.ClusterComparison.Systems;

namespace GossipActors.Chaos.Nodes;

/// <summary>
/// One node of the chaos cluster: its namespace, addresses and data directory (kept across lives), its current process,
/// and what the runner knows of it (phase, host id, the generation of each life).
/// </summary>
public sealed class ChaosNode(int index, string netns, string dataDirectory, string logPath, AdminApiClient admin)
{
    public const int GossipPort = 7000;
    public const int AdminPort = 7199;

    public int Index { get; } = index;

    public string Namespace { get; } = netns;

    public string Ip { get; } = Network.ChaosNetwork.AddressOf(index);

    public string Address => string.Create(CultureInfo.InvariantCulture, $"{Ip}:{GossipPort}");

    public string Name => string.Create(CultureInfo.InvariantCulture, $"n{Index} ({Address})");

    public string DataDirectory { get; } = dataDirectory;

    public string LogPath { get; } = logPath;

    public AdminApiClient Admin { get; } = admin;

    public NodePhase Phase { get; set; } = NodePhase.NotStarted;

    public ChildProcess? Process { get; set; }

    public int Lives { get; set; }

    /// <summary>The host id the node gave in its first life; every later life must give the same.</summary>
    public string? HostId { get; set; }

    /// <summary>The generation the previous life answered with (null before any); a new life must answer a higher one.</summary>
    public int? PreviousGeneration { get; set; }

    /// <summary>The generation the current life answered with, once it has.</summary>
    public int? Generation { get; set; }

    /// <summary>When the node finished leaving (decommissioned), or null.</summary>
    public DateTime? LeftAt { get; set; }

    /// <summary>The highest resident set size seen in any life.</summary>
    public long MaxRssBytes { get; set; }

    /// <summary>When the current life was started.</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>Running time of every life so far, for per-node-hour figures.</summary>
    public TimeSpan RunningTime(DateTime now) => _earlierLives + (Phase is NodePhase.Running or NodePhase.Frozen ? now - StartedAt : TimeSpan.Zero);

    /// <summary>Adds the current life's running time when it ends.</summary>
    public void EndLife(DateTime now)
    {
        _earlierLives += now - StartedAt;
        PreviousGeneration = Generation ?? PreviousGeneration;
        Generation = null;
    }

    private TimeSpan _earlierLives;
}
