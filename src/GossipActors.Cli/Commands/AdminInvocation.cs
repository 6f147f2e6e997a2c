using System.CommandLine;
using GossipActors.AdminClient;

namespace GossipActors.Cli.Commands;

/// <summary>
/// Runs one admin command body with a client for <c>--admin</c>, turning every failure into one
/// line on stderr and an exit code, never a stack trace.
/// </summary>
public static class AdminInvocation
{
    public delegate Task<int> Body(AdminApiClient client, TextWriter output, TextWriter error, CancellationToken cancellationToken);

    public static async Task<int> RunAsync(ParseResult parseResult, GossipctlOptions options, Body body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);

        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var admin = parseResult.GetValue(options.Admin) ?? string.Empty;

        using var http = options.HttpClientFactory();
        AdminApiClient client;
        try
        {
            client = new AdminApiClient(http, admin, options.TokenFor(parseResult));
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"gossipctl: --admin: {FirstLine(ex.Message)}");
            return ExitCodes.Usage;
        }

        try
        {
            return await body(client, output, error, cancellationToken);
        }
        catch (AdminClientException ex) when (ex.HttpStatus is 401 or 403)
        {
            await error.WriteLineAsync($"gossipctl: {ex.Message}");
            return ExitCodes.NotAllowed;
        }
        catch (AdminClientException ex)
        {
            await error.WriteLineAsync($"gossipctl: {ex.Message}");
            return ExitCodes.AdminError;
        }
    }

    // ArgumentException appends " (Parameter '...')"; the operator only needs the first part.
    private static string FirstLine(string message)
    {
        var cut = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
