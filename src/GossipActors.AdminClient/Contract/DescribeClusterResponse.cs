namespace GossipActors.AdminClient.Contract;

/// <summary>
/// <c>GET /describecluster</c>: the cluster name and which nodes hold which SCHEMA version.
/// <c>Disagreement</c> is true when reachable nodes hold more than one version (config drift).
/// </summary>
/// <param name="ClusterName">The answering node's cluster name.</param>
/// <param name="SchemaVersions">Each distinct SCHEMA value of a reachable node, with the nodes holding it.</param>
/// <param name="Unreachable">Nodes whose schema cannot be trusted because they are DOWN.</param>
/// <param name="Disagreement">True when <c>SchemaVersions</c> has more than one entry.</param>
/// <param name="ConfigVersions">
/// Reachable nodes grouped by the fingerprint of their cluster-wide settings (the CONFIG each gossips), the answering
/// node's group first; empty from a node of an older release.
/// </param>
/// <param name="ConfigDrift">True when <c>ConfigVersions</c> has more than one entry.</param>
public sealed record DescribeClusterResponse(
    string ClusterName,
    IReadOnlyList<SchemaVersionGroup> SchemaVersions,
    IReadOnlyList<string> Unreachable,
    bool Disagreement,
    IReadOnlyList<ConfigVersionGroup>? ConfigVersions = null,
    bool ConfigDrift = false);

/// <param name="Fingerprint">8 hex digits over every cluster-wide setting; "(none)" for nodes that gossip none.</param>
/// <param name="Endpoints">Gossip addresses of the nodes holding it.</param>
/// <param name="DiffersIn">The settings (paths) in which these nodes differ from the answering node; empty for its own group.</param>
public sealed record ConfigVersionGroup(string Fingerprint, IReadOnlyList<string> Endpoints, IReadOnlyList<string> DiffersIn);

/// <param name="Version">The SCHEMA application state value; empty when a node has not published one.</param>
/// <param name="Endpoints">Gossip addresses of the nodes holding it.</param>
public sealed record SchemaVersionGroup(string Version, IReadOnlyList<string> Endpoints);
