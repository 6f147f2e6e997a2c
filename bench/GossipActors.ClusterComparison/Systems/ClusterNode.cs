namespace GossipActors.ClusterComparison.Systems;

/// <summary>One node of a cluster under test.</summary>
/// <param name="Index">1-based; nodes 1 and 2 are the seeds.</param>
/// <param name="Id">HOST:PORT of its membership port, as its peers name it.</param>
/// <param name="ListenPort">The TCP port the harness watches to learn when the process is up.</param>
/// <param name="Process">The OS process.</param>
public sealed record ClusterNode(int Index, string Id, int ListenPort, ChildProcess Process);
