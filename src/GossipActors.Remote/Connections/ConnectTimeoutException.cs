namespace GossipActors.Remote.Connections;

/// <summary>A dial that got no answer within <c>remote.connect-timeout</c> (told apart from a refusal for the seeds diagnosis).</summary>
public sealed class ConnectTimeoutException : IOException
{
    public ConnectTimeoutException()
    {
    }

    public ConnectTimeoutException(string message)
        : base(message)
    {
    }

    public ConnectTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
