using GossipActors.Hocon;
using GossipActors.Hocon.Configuration;
using Microsoft.Extensions.Configuration;

namespace GossipActors.Hosting.Configuration;

/// <summary>
/// The node's effective configuration: reference.conf ← HOCON file ← IConfiguration ← builder settings, resolved.
/// </summary>
public sealed class NodeConfiguration
{
    private NodeConfiguration(Config config) => Config = config;

    /// <summary>The resolved configuration, reference.conf included.</summary>
    public Config Config { get; }

    /// <summary>
    /// What <paramref name="builder"/> describes: its file, then its IConfiguration (the one given to
    /// <see cref="GossipActorsBuilder.UseConfiguration"/>, else <paramref name="hostConfiguration"/> unless ignored), then its calls.
    /// </summary>
    /// <inheritdoc cref="Load" path="/exception"/>
    public static NodeConfiguration From(GossipActorsBuilder builder, IConfiguration? hostConfiguration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var layered = builder.UseHostConfiguration ? builder.Configuration ?? hostConfiguration : null;
        return Load(builder.ConfigFile, layered, builder.Overrides);
    }

    /// <summary>Layers the sources and resolves them.</summary>
    /// <param name="configFile">A HOCON (or .json/.properties) file, or null.</param>
    /// <param name="hostConfiguration">Environment variables, command line…; only keys under the top-level sections of reference.conf (gossip, remote, admin, akka) apply, and those under a retired section (actors), which are refused with the reason.</param>
    /// <param name="overrides">Settings made in code or with <c>--set</c>, applied last.</param>
    /// <exception cref="HoconParseException">The file or an override is invalid; the message is FILE:LINE:COLUMN: reason.</exception>
    /// <exception cref="ConfigException">A setting has the wrong type; the message names the path and where it was set.</exception>
    /// <remarks>Loading does not validate: <see cref="NodeSettings.Bind"/> does, for the node and for gossipctl config check alike.</remarks>
    public static NodeConfiguration Load(string? configFile, IConfiguration? hostConfiguration, IReadOnlyList<ConfigOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var unresolved = new HoconParseOptions { Resolve = false };
        var user = configFile is null
            ? HoconConfig.ParseString(string.Empty, "no configuration file", unresolved)
            : HoconConfig.ParseFile(configFile, unresolved);
        if (hostConfiguration is not null)
        {
            user = user.WithOverrides(hostConfiguration, alsoKnownRoots: KnownSettings.RetiredSectionNames);
        }

        foreach (var setting in overrides)
        {
            user = user.WithValue(setting.Path, setting.HoconValue, setting.Origin);
        }

        return new NodeConfiguration(HoconConfig.LoadWithDefaults(user));
    }
}
