namespace GossipActors.Gossip.Persistence;

/// <summary>
/// <c>gossip.data-dir</c> cannot be used (not a directory, no permission, read-only): the message is one line
/// naming the setting, the path and the operating system's reason. Not an <see cref="IOException"/>, so it is
/// never mistaken for a port that cannot be bound.
/// </summary>
public sealed class DataDirectoryException : Exception
{
    public DataDirectoryException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    public DataDirectoryException()
    {
    }

    public DataDirectoryException(string message)
        : base(message)
    {
    }
}
