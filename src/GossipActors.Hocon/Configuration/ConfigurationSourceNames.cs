using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon.Configuration;

/// <summary>
/// Names the source of an <see cref="IConfiguration"/> key the way an operator wrote it: the environment variable,
/// the command-line switch or the file, so an error about the value can say where to fix it.
/// </summary>
internal static class ConfigurationSourceNames
{
    public static string Describe(IConfigurationRoot? root, string path)
    {
        // The last provider holding the key is the one whose value won.
        var provider = root?.Providers.LastOrDefault(p => p.TryGet(path, out _));
        return provider switch
        {
            null => $"configuration key {path}",
            FileConfigurationProvider file => $"{file.Source.Path} key {path}",
            _ when provider.GetType().Name == "EnvironmentVariablesConfigurationProvider" =>
                $"environment variable {EnvironmentPrefix(provider)}{path.Replace(":", "__", StringComparison.Ordinal)}",
            _ when provider.GetType().Name == "CommandLineConfigurationProvider" => $"command-line switch --{path}",
            _ => $"configuration key {path}",
        };
    }

    // The provider strips its prefix from the keys and shows it only in ToString ("... Prefix: 'APP_'").
    private static string EnvironmentPrefix(IConfigurationProvider provider)
    {
        var text = provider.ToString() ?? string.Empty;
        var start = text.IndexOf("Prefix: '", StringComparison.Ordinal);
        if (start < 0)
        {
            return string.Empty;
        }

        start += "Prefix: '".Length;
        var end = text.IndexOf('\'', start);
        return end > start ? text[start..end] : string.Empty;
    }
}
