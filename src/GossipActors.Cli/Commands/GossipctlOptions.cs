using System.CommandLine;
using GossipActors.AdminClient.Contract;

namespace GossipActors.Cli.Commands;

/// <summary>
/// What every admin command shares: the global <c>--admin HOST:PORT</c> option and the way an HTTP
/// client is made (tests substitute one with a short timeout).
/// </summary>
public sealed class GossipctlOptions
{
    /// <param name="environment">Reads an environment variable (tests pass their own); the process environment by default.</param>
    public GossipctlOptions(Func<HttpClient>? httpClientFactory = null, Func<string, string?>? environment = null)
    {
        HttpClientFactory = httpClientFactory ?? (() => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
    }

    /// <summary>Recursive, so it is accepted before or after the subcommand name.</summary>
    public Option<string> Admin { get; } = new("--admin")
    {
        Description = "The node's admin endpoint, HOST:PORT",
        HelpName = "HOST:PORT",
        Recursive = true,
        DefaultValueFactory = _ => AdminRoutes.DefaultAdminAddress,
    };

    /// <summary>
    /// The node's admin token. Without it, <see cref="AdminAuthentication.TokenEnvironmentVariable"/> is read when a
    /// command runs (not as a default value: help would print it).
    /// </summary>
    public Option<string> Token { get; } = new("--token")
    {
        Description = $"The node's admin token (admin.token), sent as Authorization: Bearer; default ${AdminAuthentication.TokenEnvironmentVariable}, which keeps it out of the process list",
        HelpName = "TOKEN",
        Recursive = true,
    };

    public Func<HttpClient> HttpClientFactory { get; }

    public Func<string, string?> Environment { get; }

    /// <summary>The token to send: <c>--token</c>, else the environment variable, else none.</summary>
    public string? TokenFor(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var given = parseResult.GetValue(Token);
        return string.IsNullOrEmpty(given) ? Environment(AdminAuthentication.TokenEnvironmentVariable) : given;
    }
}
