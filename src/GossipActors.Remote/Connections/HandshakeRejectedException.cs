using GossipActors.Protocol.Codec;

namespace GossipActors.Remote.Connections;

/// <summary>The remote refused our handshake; <see cref="Exception.Message"/> is the log line naming both values.</summary>
public sealed class HandshakeRejectedException : Exception
{
    public HandshakeRejectedException(HelloRejected rejection, string message)
        : base(message)
    {
        Rejection = rejection;
    }

    public HandshakeRejectedException()
    {
    }

    public HandshakeRejectedException(string message)
        : base(message)
    {
    }

    public HandshakeRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HelloRejected? Rejection { get; }
}
