using GossipActors.Hocon.Parsing;
using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon;

/// <summary>Entry points: parse text or files, and the runtime's reference configuration.</summary>
public static class HoconConfig
{
    private const string ReferenceResourceName = "GossipActors.Hocon.reference.conf";
    private static readonly Lazy<string> ReferenceTextLazy = new(ReadReferenceText);
    private static readonly Lazy<Config> ReferenceLazy = new(() => ParseString(ReferenceText, "reference.conf"));

    /// <summary>A resolved configuration with no settings.</summary>
    public static Config Empty => Config.Empty;

    /// <summary>
    /// Parses HOCON text. <paramref name="originName"/> names it in error messages (default "string").
    /// Unless <paramref name="options"/> turn it off, substitutions are resolved at once.
    /// </summary>
    /// <exception cref="HoconParseException">The text is invalid; the message is <c>ORIGIN:LINE:COLUMN: reason</c>.</exception>
    public static Config ParseString(string text, string? originName = null, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= HoconParseOptions.Default;
        var includer = new Includer(options);
        return Build(includer.ParseTopString(text, originName ?? "string"), options);
    }

    /// <summary>
    /// Parses a file; <c>.json</c> files as JSON, <c>.properties</c> as Java properties, anything else as HOCON.
    /// Includes are relative to the file.
    /// </summary>
    /// <exception cref="HoconParseException">The file is missing, unreadable or invalid; the message is <c>FILE:LINE:COLUMN: reason</c>.</exception>
    public static Config ParseFile(string path, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= HoconParseOptions.Default;
        var includer = new Includer(options);
        return Build(includer.ParseTopFile(path), options);
    }

    /// <summary>The text of hocon/reference.conf, embedded in this assembly.</summary>
    public static string ReferenceText => ReferenceTextLazy.Value;

    /// <summary>
    /// hocon/reference.conf resolved on its own: every runtime setting with its default. Its substitutions never
    /// see user settings, as the spec recommends for reference configurations; the environment variables it names
    /// (<c>${?GOSSIP_ADMIN_TOKEN}</c>) are read once, when it is first used.
    /// </summary>
    public static Config Reference => ReferenceLazy.Value;

    /// <summary>
    /// <paramref name="user"/> over <see cref="Reference"/>, resolved. An unresolved user configuration may refer
    /// to reference settings in its substitutions.
    /// </summary>
    public static Config LoadWithDefaults(Config user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.WithFallback(Reference).Resolve();
    }

    /// <summary>Parses <paramref name="path"/> unresolved, puts reference.conf under it and resolves the result.</summary>
    public static Config LoadFile(string path, HoconParseOptions? options = null)
    {
        options ??= HoconParseOptions.Default;
        return LoadWithDefaults(ParseFile(path, options with { Resolve = false }));
    }

    private static Config Build(Node root, HoconParseOptions options)
    {
        if (root is not ObjectNode obj)
        {
            throw HoconParseException.At(root.Origin, "the root of a configuration must be an object, not a list");
        }

        var config = new Config([obj], null, options);
        return options.Resolve ? config.Resolve(options) : config;
    }

    private static string ReadReferenceText()
    {
        using var stream = typeof(HoconConfig).Assembly.GetManifestResourceStream(ReferenceResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ReferenceResourceName} is missing from {typeof(HoconConfig).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
