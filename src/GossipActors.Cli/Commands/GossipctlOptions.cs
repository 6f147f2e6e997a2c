using System.CommandLine;
using GossipActors.AdminClient.Contract;

namespace GossipActors.Cli.Commands;

/// <summary>
/// What every admin command shares: the global <c>--admin HOST:PORT</c> option and the way an HTTP
/// client is made (tests substitute one with a short timeout).
/// </summary>
public sealed class GossipctlOptions
{
    public GossipctlOptions(Func<HttpClient>? httpClientFactory = null)
    {
        HttpClientFactory = httpClientFactory ?? (() => new HttpClient { Timeout = TimeSpan.FromSeconds(10) });
    }

    /// <summary>Recursive, so it is accepted before or after the subcommand name.</summary>
    public Option<string> Admin { get; } = new("--admin")
    {
        Description = "The node's admin endpoint, HOST:PORT",
        HelpName = "HOST:PORT",
        Recursive = true,
        DefaultValueFactory = _ => AdminRoutes.DefaultAdminAddress,
    };

    public Func<HttpClient> HttpClientFactory { get; }
}
