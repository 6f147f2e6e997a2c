using GossipActors.Hocon;
using GossipActors.Hosting.Configuration;

namespace GossipActors.Cli.Commands;

/// <summary>
/// Loads a file as the node loads its <c>--config</c> file (reference.conf under it) and binds it with the node's own
/// <see cref="NodeSettings.Bind"/>: a file passes here exactly when the node would start with it.
/// </summary>
internal static class NodeConfigurationCheck
{
    /// <summary>Null when the file is valid; otherwise the problems, one per line, each naming where it was set.</summary>
    public static string? Problems(string file)
    {
        try
        {
            NodeSettings.Bind(NodeConfiguration.Load(file, hostConfiguration: null, overrides: []));
            return null;
        }
        catch (HoconParseException invalid)
        {
            return invalid.Message;
        }
        catch (ConfigException invalid)
        {
            return invalid.Message;
        }
    }
}
