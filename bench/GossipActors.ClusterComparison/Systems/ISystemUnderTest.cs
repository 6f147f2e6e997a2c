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

    /// <summary>
    /// Whether a line of a node's output says its membership protocol has started, for the systems whose processes
    /// listen before they are ready to take part (null: the listening port alone says the process is up). (b) counts
    /// from the later of the two, so that it is protocol time, not process start-up.
    /// </summary>
    Func<string, bool>? ProtocolStartLine { get; }

    /// <summary>Launches every node at once (nodes 1 and 2 are the seeds) and returns without waiting for anything.</summary>
    IClusterUnderTest Launch(int nodes, string workDirectory);
}
