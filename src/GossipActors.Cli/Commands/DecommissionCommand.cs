using System.Text.Json;
using System.CommandLine;
using GossipActors.AdminClient.Contract;

namespace GossipActors.Cli.Commands;

/// <summary><c>gossipctl decommission --confirm</c>: the node announces LEAVING, then LEFT, then stops.</summary>
public static class DecommissionCommand
{
    public static Command Create(GossipctlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var confirm = ConfirmOption.Create();
        var json = JsonOption.Create();
        var command = new Command("decommission", "Make the node leave the cluster (LEAVING, then LEFT) and stop") { confirm, json };
        command.SetAction((parseResult, cancellationToken) => AdminInvocation.RunAsync(
            parseResult,
            options,
            async (client, output, error, ct) =>
            {
                if (!parseResult.GetValue(confirm))
                {
                    await error.WriteLineAsync(ConfirmOption.Missing("decommission", client.AdminAddress));
                    return ExitCodes.Usage;
                }

                var result = await client.DecommissionAsync(confirm: true, ct);
                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(result, AdminJsonContext.Default.DecommissionResponse));
                    return ExitCodes.Success;
                }

                var state = StatusCode.StateLetter(result.State) switch
                {
                    'L' => "LEAVING",
                    'X' => "LEFT",
                    _ => result.State.ToString().ToUpperInvariant(),
                };
                await output.WriteLineAsync($"{result.Endpoint} is {state}");
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
