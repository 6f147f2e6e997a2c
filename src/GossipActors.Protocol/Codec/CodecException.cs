namespace GossipActors.Protocol.Codec;

/// <summary>
/// The only exception the codec throws for bad input: it names the field being read or written and the byte
/// offset inside the message, so a log line says exactly where a peer's bytes went wrong.
/// </summary>
public sealed class CodecException : Exception
{
    public CodecException(string field, int offset, string problem)
        : base($"{field} at offset {offset}: {problem}")
    {
        Field = field;
        Offset = offset;
        Problem = problem;
    }

    public CodecException()
        : this("message", 0, "malformed")
    {
    }

    public CodecException(string message)
        : this("message", 0, message)
    {
    }

    public CodecException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "message";
        Problem = message;
    }

    public string Field { get; } = "message";

    public int Offset { get; }

    public string Problem { get; } = string.Empty;
}
