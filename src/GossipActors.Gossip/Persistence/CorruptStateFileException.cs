namespace GossipActors.Gossip.Persistence;

/// <summary>
/// <c>local.json</c> (the node's identity) is corrupt or truncated. Starting anyway would silently give the node a
/// new host id and overwrite the evidence, so start-up stops; the message names the file and position, and the
/// file is left as it is.
/// </summary>
public sealed class CorruptStateFileException : Exception
{
    public CorruptStateFileException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public CorruptStateFileException()
    {
    }

    public CorruptStateFileException(string message)
        : base(message)
    {
    }
}
