namespace GossipActors.Protocol.Framing;

/// <summary>A peer broke the framing rules; the message names the offending value. The connection must be closed.</summary>
public sealed class FramingException : Exception
{
    public FramingException()
    {
    }

    public FramingException(string message)
        : base(message)
    {
    }

    public FramingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
