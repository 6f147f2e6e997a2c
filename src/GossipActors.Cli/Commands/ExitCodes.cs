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
}
