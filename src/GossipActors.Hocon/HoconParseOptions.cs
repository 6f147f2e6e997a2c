namespace GossipActors.Hocon;

/// <summary>How to parse and resolve a document.</summary>
public sealed record HoconParseOptions
{
    public static HoconParseOptions Default { get; } = new();

    /// <summary>
    /// Resolve substitutions right away (the default). Parse unresolved when the document will be layered over
    /// another one (for example reference.conf) and may refer to its settings; call <see cref="Config.Resolve"/> after.
    /// </summary>
    public bool Resolve { get; init; } = true;

    /// <summary>Look up substitutions missing from the configuration in environment variables (the default).</summary>
    public bool UseEnvironmentVariables { get; init; } = true;

    /// <summary>
    /// The environment to fall back to instead of the process environment; lets tests stay deterministic.
    /// Ignored when <see cref="UseEnvironmentVariables"/> is false.
    /// </summary>
    public IReadOnlyDictionary<string, string>? EnvironmentVariables { get; init; }

    /// <summary>Syntax to use; by default from the file extension (.json, .properties, anything else HOCON).</summary>
    public HoconSyntax? Syntax { get; init; }

    /// <summary>Directory that <c>include "x"</c> in a parsed string is relative to; default the current directory.</summary>
    public string? IncludeDirectory { get; init; }

    /// <summary>Directory that <c>include file("x")</c> is relative to; default the current directory, as the spec says.</summary>
    public string? WorkingDirectory { get; init; }

    internal string? LookupEnvironment(string name)
    {
        if (!UseEnvironmentVariables)
        {
            return null;
        }

        if (EnvironmentVariables is not null)
        {
            return EnvironmentVariables.TryGetValue(name, out var value) ? value : null;
        }

        try
        {
            return Environment.GetEnvironmentVariable(name);
        }
        catch (System.Security.SecurityException)
        {
            return null;
        }
    }
}
