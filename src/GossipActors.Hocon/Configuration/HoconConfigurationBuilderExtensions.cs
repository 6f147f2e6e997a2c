using GossipActors.Hocon;
using GossipActors.Hocon.Configuration;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.Extensions.Configuration;

/// <summary>
/// Adds HOCON to a Microsoft.Extensions.Configuration builder. Keys are flattened with ':' (<c>remote:port</c>),
/// list elements become index children (<c>gossip:seeds:0</c>). Later sources win, so adding environment variables
/// and the command line after a HOCON file lets them override it key by key (for lists: element by element).
/// </summary>
public static class HoconConfigurationBuilderExtensions
{
    /// <summary>Adds a HOCON file. A relative path is resolved like AddJsonFile's: against the builder's base path.</summary>
    /// <exception cref="HoconParseException">At Build(): the file is invalid, or missing and not optional.</exception>
    public static IConfigurationBuilder AddHoconFile(this IConfigurationBuilder builder, string path, bool optional = false, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.IsPathRooted(path) ? path : Path.Combine(BasePath(builder), path);
        return builder.Add(new HoconConfigurationSource { Path = full, Optional = optional, Options = options ?? HoconParseOptions.Default });
    }

    /// <summary>Adds HOCON text.</summary>
    /// <exception cref="HoconParseException">At Build(): the text is invalid.</exception>
    public static IConfigurationBuilder AddHoconString(this IConfigurationBuilder builder, string text, HoconParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        return builder.Add(new HoconConfigurationSource { Text = text, Options = options ?? HoconParseOptions.Default });
    }

    /// <summary>Adds a parsed configuration, for example <c>HoconConfig.LoadWithDefaults(user)</c>.</summary>
    public static IConfigurationBuilder AddHoconConfig(this IConfigurationBuilder builder, Config config)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(config);
        return builder.Add(new HoconConfigurationSource { Config = config });
    }

    private static string BasePath(IConfigurationBuilder builder) =>
        builder.GetFileProvider() is PhysicalFileProvider physical ? physical.Root : AppContext.BaseDirectory;
}
