namespace GossipActors.ClusterComparison.Systems;

/// <summary>One of the compared systems: can it run here, and starting N nodes of it on loopback.</summary>
public interface ISystemUnderTest
{
    /// <summary>The row label in the tables.</summary>
    string Label { get; }

    /// <summary>The word the DOWN columns count for this system.</summary>
    string DownMeans { get; }

    /// <summary>Null when it can run here, otherwise the one-line reason its rows are skipped.</summary>
    string? Unavailable();

    /// <summary>Launches every node at once (nodes 1 and 2 are the seeds) and returns without waiting for anything.</summary>
    IClusterUnderTest Launch(int nodes, string workDirectory);
}
