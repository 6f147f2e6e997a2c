using System.CommandLine;
using GossipActors.AdminClient;

namespace GossipActors.Cli.Commands;

/// <summary>
/// The shape every read command shares: GET one route, print it rendered, or with <c>--json</c>
/// print the node's JSON exactly as it came (for jq and scripts).
/// </summary>
public static class ReadCommand
{
    public static Command Create<T>(
        GossipctlOptions options,
        string name,
        string description,
        string route,
        Func<AdminApiClient, CancellationToken, Task<T>> fetch,
        Func<T, string> render)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = JsonOption.Create();
        var command = new Command(name, description) { json };
        command.SetAction((parseResult, cancellationToken) => AdminInvocation.RunAsync(
            parseResult,
            options,
            async (client, output, _, ct) =>
            {
                if (parseResult.GetValue(json))
                {
                    var body = await client.GetRawAsync(route, ct);
                    await output.WriteLineAsync(body.TrimEnd());
                }
                else
                {
                    await output.WriteAsync(render(await fetch(client, ct)));
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
