namespace GossipActors.Gossip.Cluster;

/// <summary>
/// An application state was refused because this node's state would no longer fit in one gossip message
/// (<c>remote.maximum-message-size</c>); the message gives the size and the limit. Nothing was changed.
/// </summary>
public sealed class ApplicationStateTooLargeException : ArgumentException
{
    public ApplicationStateTooLargeException()
    {
    }

    public ApplicationStateTooLargeException(string message)
        : base(message)
    {
    }

    public ApplicationStateTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
