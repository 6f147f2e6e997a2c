using Microsoft.Extensions.Configuration;

namespace GossipActors.Hocon.Configuration;

/// <summary>Serves a resolved HOCON configuration as flat ':'-separated keys.</summary>
public sealed class HoconConfigurationProvider : ConfigurationProvider
{
    private readonly HoconConfigurationSource _source;

    public HoconConfigurationProvider(HoconConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
    }

    /// <exception cref="HoconParseException">The file or text is invalid, or a required file is missing.</exception>
    public override void Load()
    {
        Config config;
        if (_source.Config is not null)
        {
            config = _source.Config.Resolve(_source.Options);
        }
        else if (_source.Path is not null)
        {
            if (_source.Optional && !File.Exists(_source.Path))
            {
                Data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                return;
            }

            config = HoconConfig.ParseFile(_source.Path, _source.Options);
        }
        else
        {
            config = HoconConfig.ParseString(_source.Text ?? string.Empty, "configuration string", _source.Options);
        }

        Data = ConfigurationFlattener.Flatten(config.Root);
    }
}
