using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Contract;
using GossipActors.Protocol.Model;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl assassinate ENDPOINT --confirm [--force]</c>: forcibly remove an endpoint. The safety
/// rules (<see cref="AdminClient.Safety.AssassinationSafety"/>) are the node's to apply, from its own view
/// of liveness, STATUS and phi: judging again here from an earlier read could only disagree with it. A
/// refusal comes back as 409 naming the rule and its figures; a forced pass comes back naming what was
/// overridden.
/// </summary>
public static class AssassinateCommand
{
    public static Command Create(GossipctlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = new Argument<string>("ENDPOINT") { Description = "Gossip address of the endpoint to remove, HOST:PORT" };
        var confirm = ConfirmOption.Create();
        var json = JsonOption.Create();
        var force = new Option<bool>("--force") { Description = "Assassinate even when the target looks alive or more than 20 % of live peers have phi above 7.5" };
        var command = new Command("assassinate", "Forcibly remove an endpoint from gossip (generation + 1, LEFT); refused while the target is alive or the cluster is unstable")
        {
            endpoint,
            confirm,
            force,
            json,
        };

        command.SetAction((parseResult, cancellationToken) => AdminInvocation.RunAsync(
            parseResult,
            options,
            async (client, output, error, ct) =>
            {
                if (!EndpointAddress.TryParse(parseResult.GetValue(endpoint), out var target, out var invalid))
                {
                    await error.WriteLineAsync($"gossipctl: assassinate: {invalid}");
                    return ExitCodes.Usage;
                }

                if (!parseResult.GetValue(confirm))
                {
                    await error.WriteLineAsync(ConfirmOption.Missing($"assassinate {target}", client.AdminAddress));
                    return ExitCodes.Usage;
                }

                try
                {
                    var result = await client.AssassinateAsync(target.ToString(), confirm: true, parseResult.GetValue(force), ct);
                    if (result.Forced)
                    {
                        await error.WriteLineAsync($"warning: assassinate {result.Endpoint} {result.Verdict}");
                    }

                    await output.WriteLineAsync(parseResult.GetValue(json)
                        ? JsonSerializer.Serialize(result, AdminJsonContext.Default.AssassinateResponse)
                        : string.Create(CultureInfo.InvariantCulture, $"assassinated {result.Endpoint}: published generation {result.Generation} with STATUS LEFT"));
                    return ExitCodes.Success;
                }
                catch (AdminClientException ex) when (ex.HttpStatus == 409)
                {
                    // A safety rule refused (the message names it): a refusal, not a fault.
                    await error.WriteLineAsync($"gossipctl: {ex.Message}");
                    return ExitCodes.Refused;
                }
            },
            cancellationToken));
        return command;
    }
}
