namespace LocalCluster;

/// <summary>What the operator asked for on the command line.</summary>
public sealed record LocalClusterOptions(
    int Nodes,
    bool ExitWhenConverged,
    TimeSpan Timeout,
    bool KillOne,
    int? BasePort,
    string? NodeDll,
    string ClusterName);
