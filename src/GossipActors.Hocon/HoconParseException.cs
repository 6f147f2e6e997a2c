namespace GossipActors.Hocon;

/// <summary>
/// Any problem found while reading, parsing, including or resolving HOCON text. It always says where:
/// <see cref="Exception.Message"/> is <c>FILE:LINE:COLUMN: reason</c>, the layout editors and CI logs recognise.
/// </summary>
public sealed class HoconParseException : Exception
{
    public HoconParseException(string file, int line, int column, string reason)
        : base($"{file}:{line}:{column}: {reason}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public HoconParseException(string file, int line, int column, string reason, Exception inner)
        : base($"{file}:{line}:{column}: {reason}", inner)
    {
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    public HoconParseException()
        : this("unknown", 1, 1, "HOCON error")
    {
    }

    public HoconParseException(string message)
        : this("unknown", 1, 1, message)
    {
    }

    public HoconParseException(string message, Exception innerException)
        : this("unknown", 1, 1, message, innerException)
    {
    }

    /// <summary>The file (or origin description, such as "string") the problem is in.</summary>
    public string File { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column (UTF-16 code units) of the problem.</summary>
    public int Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }

    internal static HoconParseException At(HoconOrigin origin, string reason) =>
        new(origin.Description, Math.Max(origin.Line, 1), Math.Max(origin.Column, 1), reason);
}
