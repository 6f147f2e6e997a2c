using GossipActors.AdminClient.Contract;
using GossipActors.Hocon;

namespace GossipActors.Cli.Commands;

/// <summary>
/// What <c>config render</c> must not print: reference.conf reads <c>admin.token</c> from
/// <see cref="AdminAuthentication.TokenEnvironmentVariable"/>, which an operator sets for gossipctl, so rendering a
/// file with its defaults would otherwise copy an ambient secret into output that gets pasted into tickets. A token
/// written in the rendered file itself is that file's content and is printed as it is.
/// </summary>
public static class RenderedSecrets
{
    private const string TokenPath = "admin.token";

    public static Config Hide(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var fromEnvironment = $"environment variable {AdminAuthentication.TokenEnvironmentVariable}";
        return config.TryGetValue(TokenPath, out var token) && token.Origin.Description == fromEnvironment
            ? config.WithValue(TokenPath, $"\"(set from {AdminAuthentication.TokenEnvironmentVariable}; not shown)\"", fromEnvironment)
            : config;
    }
}
