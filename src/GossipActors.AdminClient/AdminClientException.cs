namespace GossipActors.AdminClient;

/// <summary>
/// Anything that went wrong talking to a node's admin endpoint, as one line an operator can act on
/// (for example <c>cannot reach admin endpoint 127.0.0.1:7199: connection refused</c>).
/// </summary>
public sealed class AdminClientException : Exception
{
    public AdminClientException(string message)
        : base(message)
    {
    }

    public AdminClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AdminClientException(string message, int httpStatus)
        : base(message) => HttpStatus = httpStatus;

    public AdminClientException()
    {
    }

    /// <summary>The HTTP status the node answered with, or null when no answer came (unreachable, timeout).</summary>
    public int? HttpStatus { get; }

    /// <summary>True when the node could not be reached at all, as opposed to answering with an error.</summary>
    public bool IsUnreachable => HttpStatus is null;
}
