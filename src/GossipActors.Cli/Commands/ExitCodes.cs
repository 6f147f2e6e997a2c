namespace GossipActors.Cli.Commands;

/// <summary>gossipctl's exit codes, so scripts can tell "node down" from "you typed it wrong".</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The node could not be reached, or it answered with an error.</summary>
    public const int AdminError = 1;

    /// <summary>Wrong arguments: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The node refused the assassination with 409 (a safety rule, named in the message): nothing was changed.</summary>
    public const int Refused = 3;

    /// <summary>
    /// The node would not let this client in: 401 (its admin.token is set and the token is missing or wrong) or 403
    /// (a mutation from another machine to a node without a token, or a Host or Origin it does not answer to).
    /// Nothing was changed.
    /// </summary>
    public const int NotAllowed = 4;

    /// <summary><c>config check</c> and <c>config render</c>: the file is one the node would refuse to start with (its exit code 3 too).</summary>
    public const int InvalidConfiguration = 3;

    /// <summary>
    /// <c>check</c>: a rule failed. The code is this base plus the bit of each failed rule, so one code names every
    /// failure: 65 phi, 66 backlog, 68 not converged, 72 config drift, 80 clock skew, 67 phi and backlog, and so on up to 95.
    /// </summary>
    public const int CheckFailed = 64;

    /// <summary><c>check</c>: more than the tolerated share of live peers have phi above the level (bit of <see cref="CheckFailed"/>).</summary>
    public const int CheckPhiBit = 1;

    /// <summary><c>check</c>: the gossip stage is backlogged (bit of <see cref="CheckFailed"/>).</summary>
    public const int CheckBacklogBit = 2;

    /// <summary><c>check</c>: the node has not joined, or a member peer is DOWN (bit of <see cref="CheckFailed"/>).</summary>
    public const int CheckNotConvergedBit = 4;

    /// <summary><c>check</c>: reachable nodes run with different cluster-wide settings (bit of <see cref="CheckFailed"/>).</summary>
    public const int CheckConfigDriftBit = 8;

    /// <summary><c>check</c>: a peer's clock is further from the node's than the limit (bit of <see cref="CheckFailed"/>).</summary>
    public const int CheckClockSkewBit = 16;
}
