namespace GossipActors.Hocon;

/// <summary>
/// A read from a <see cref="Config"/> that cannot be answered: the path is missing, holds null, or holds a value
/// of another type. The message names the path, the expected type and where the value (or its nearest parent) was set.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
        : base("configuration error")
    {
        Path = string.Empty;
        ExpectedType = string.Empty;
    }

    public ConfigException(string message)
        : base(message)
    {
        Path = string.Empty;
        ExpectedType = string.Empty;
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = string.Empty;
        ExpectedType = string.Empty;
    }

    public ConfigException(string path, string expectedType, HoconOrigin? origin, string message)
        : base(message)
    {
        Path = path;
        ExpectedType = expectedType;
        Origin = origin;
    }

    /// <summary>The path that was read, as the caller wrote it.</summary>
    public string Path { get; }

    /// <summary>The type the caller asked for, e.g. "duration" or "list of strings".</summary>
    public string ExpectedType { get; }

    /// <summary>Where the offending value, or the nearest existing parent of a missing one, was defined.</summary>
    public HoconOrigin? Origin { get; }
}
