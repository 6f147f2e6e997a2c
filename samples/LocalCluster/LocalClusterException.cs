namespace LocalCluster;

/// <summary>A failure LocalCluster reports as one line and a non-zero exit, not as a stack trace.</summary>
public sealed class LocalClusterException : Exception
{
    public LocalClusterException(string message)
        : base(message)
    {
    }

    public LocalClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalClusterException()
    {
    }
}
