namespace GossipActors.ClusterComparison;

/// <summary>A run cannot go on; the message says why in one line.</summary>
public sealed class ComparisonException : Exception
{
    public ComparisonException(string message)
        : base(message)
    {
    }

    public ComparisonException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ComparisonException()
    {
    }
}
