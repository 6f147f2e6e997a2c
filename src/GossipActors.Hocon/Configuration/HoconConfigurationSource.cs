using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon.Configuration;

/// <summary>A HOCON file, HOCON text or an already parsed <see cref="Config"/> as a configuration source.</summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <summary>Full path of the file to read (when reading a file).</summary>
    public string? Path { get; init; }

    /// <summary>HOCON text to parse (when not reading a file).</summary>
    public string? Text { get; init; }

    /// <summary>A parsed configuration to expose as it is.</summary>
    public Config? Config { get; init; }

    /// <summary>A missing file yields no settings instead of an error.</summary>
    public bool Optional { get; init; }

    public HoconParseOptions Options { get; init; } = HoconParseOptions.Default;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
