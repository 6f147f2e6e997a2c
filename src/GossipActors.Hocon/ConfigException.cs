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

    /// <summary>
    /// A setting that is present and typed right but not acceptable (out of range, not a known value): the message is
    /// <c>PATH PROBLEM (set at WHERE)</c>, WHERE being file:line:column, the environment variable or the --set.
    /// </summary>
    public static ConfigException Invalid(Config config, string path, string problem)
    {
        ArgumentNullException.ThrowIfNull(config);
        var origin = config.OriginOf(path);
        var where = origin is null ? string.Empty : $" (set at {origin.ToLocationString()})";
        return new ConfigException(path, string.Empty, origin, $"{path} {problem}{where}");
    }

    /// <summary>The path that was read, as the caller wrote it.</summary>
    public string Path { get; }

    /// <summary>The type the caller asked for, e.g. "duration" or "list of strings".</summary>
    public string ExpectedType { get; }

    /// <summary>Where the offending value, or the nearest existing parent of a missing one, was defined.</summary>
    public HoconOrigin? Origin { get; }
}
