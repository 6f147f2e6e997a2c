using GossipActors.Hocon.Syntax;

namespace GossipActors.Hocon.Parsing;

/// <summary>
/// Finds, reads and parses documents: the top-level file and every file it includes. It keeps the chain of
/// files being included so a file that (directly or not) includes itself is reported instead of looping.
/// </summary>
internal sealed class Includer
{
    /// <summary>Upstream's limit; deeper chains are almost certainly a cycle through different spellings.</summary>
    private const int MaxIncludeDepth = 50;

    private static readonly string[] ProbeOrder = [".properties", ".json", ".conf"];

    private static readonly string[] UrlSchemes = ["http://", "https://", "ftp://", "jar:"];

    private readonly HoconParseOptions _options;
    private readonly List<string> _chain = [];

    public Includer(HoconParseOptions options)
    {
        _options = options;
    }

    /// <summary>Parses a top-level file; its syntax comes from the options or from its extension.</summary>
    public Node ParseTopFile(string path)
    {
        var full = FullPath(path, Environment.CurrentDirectory);
        var text = SourceReader.ReadFile(full, new HoconOrigin(path, 1, 1));
        return ParseLoaded(full, path, text, _options.Syntax ?? SyntaxOf(full), []);
    }

    /// <summary>Parses text that did not come from a file.</summary>
    public Node ParseTopString(string text, string originName)
    {
        var syntax = _options.Syntax ?? HoconSyntax.Conf;
        return Parse(text, originName, syntax, [], _options.IncludeDirectory);
    }

    /// <summary>
    /// Loads what an include statement names, merged in probe order, parsed with <paramref name="prefix"/> as the
    /// location its substitutions are re-rooted to. Null when nothing exists and the include is not required.
    /// </summary>
    public ObjectNode? Include(IncludeSpec spec, string? includingDirectory, string[] prefix)
    {
        var candidates = Candidates(spec, includingDirectory);
        var existing = candidates.Where(File.Exists).ToList();
        if (existing.Count == 0)
        {
            if (spec.Required)
            {
                throw HoconParseException.At(spec.Origin,
                    $"required include \"{spec.Name}\" was not found (tried {string.Join(", ", candidates)})");
            }

            return null;
        }

        var merged = new ObjectNode(spec.Origin);
        foreach (var file in existing)
        {
            if (_chain.Contains(file, StringComparer.Ordinal))
            {
                throw HoconParseException.At(spec.Origin,
                    $"include cycle: {file} is already being included (include statements nested: {string.Join(" -> ", _chain.Append(file))})");
            }

            if (_chain.Count >= MaxIncludeDepth)
            {
                throw HoconParseException.At(spec.Origin,
                    $"include statements nested more than {MaxIncludeDepth} times; is there an include cycle? ({string.Join(" -> ", _chain)})");
            }

            var text = SourceReader.ReadFile(file, spec.Origin);
            Node root;
            try
            {
                root = ParseLoaded(file, file, text, SyntaxOf(file), prefix);
            }
            catch (HoconParseException e)
            {
                throw new HoconParseException(e.File, e.Line, e.Column, $"{e.Reason} (included from {spec.Origin.ToLocationString()})", e);
            }

            if (root is not ObjectNode obj)
            {
                throw new HoconParseException(file, root.Origin.Line, root.Origin.Column,
                    $"an included file must contain an object, not a list (included from {spec.Origin.ToLocationString()})");
            }

            merged.MergeFrom(obj);
        }

        return merged;
    }

    private Node ParseLoaded(string fullPath, string displayName, string text, HoconSyntax syntax, string[] prefix)
    {
        _chain.Add(fullPath);
        try
        {
            return Parse(text, displayName, syntax, prefix, Path.GetDirectoryName(fullPath));
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }

    private Node Parse(string text, string file, HoconSyntax syntax, string[] prefix, string? directory) => syntax switch
    {
        HoconSyntax.Properties => PropertiesParser.Parse(text, file),
        HoconSyntax.Json => Parser.ParseDocument(text, file, json: true, prefix, includer: null, directory),
        _ => Parser.ParseDocument(text, file, json: false, prefix, this, directory),
    };

    private List<string> Candidates(IncludeSpec spec, string? includingDirectory)
    {
        string basePath;
        switch (spec.Kind)
        {
            case IncludeKind.Url:
                throw HoconParseException.At(spec.Origin, $"url(\"{spec.Name}\") includes are not supported; use a file");
            case IncludeKind.Classpath:
                throw HoconParseException.At(spec.Origin, $"classpath(\"{spec.Name}\") includes are not supported; use a file");
            case IncludeKind.File:
                // The spec: file() names are not relative to the including file but to the working directory.
                basePath = FullPath(spec.Name, _options.WorkingDirectory ?? Environment.CurrentDirectory, spec.Origin);
                break;
            default:
                basePath = HeuristicPath(spec, includingDirectory);
                break;
        }

        var extension = Path.GetExtension(basePath).ToLowerInvariant();
        if (extension is ".conf" or ".json" or ".properties")
        {
            return [basePath];
        }

        var probes = ProbeOrder.Select(ext => basePath + ext).ToList();
        if (!probes.Any(File.Exists) && File.Exists(basePath))
        {
            return [basePath];
        }

        return probes;
    }

    private string HeuristicPath(IncludeSpec spec, string? includingDirectory)
    {
        var name = spec.Name;
        if (name.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(name, UriKind.Absolute, out var fileUri))
        {
            return fileUri.LocalPath;
        }

        if (UrlSchemes.Any(scheme => name.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)))
        {
            throw HoconParseException.At(spec.Origin, $"URL includes (\"{name}\") are not supported; include a file");
        }

        var directory = includingDirectory ?? _options.IncludeDirectory ?? Environment.CurrentDirectory;
        return FullPath(name, directory, spec.Origin);
    }

    private static string FullPath(string name, string directory, HoconOrigin? origin = null)
    {
        try
        {
            return Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(directory, name));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw HoconParseException.At(origin ?? new HoconOrigin(name, 1, 1), $"'{name}' is not a valid file name: {e.Message}");
        }
    }

    private static HoconSyntax SyntaxOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".json" => HoconSyntax.Json,
        ".properties" => HoconSyntax.Properties,
        _ => HoconSyntax.Conf,
    };
}
