using System.CommandLine;
using System.Globalization;
using GossipActors.AdminClient;
using GossipActors.AdminClient.Safety;
using GossipActors.Protocol.Model;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl assassinate ENDPOINT --confirm [--force]</c>: forcibly remove an endpoint. Before
/// sending, the failure detector is read and the safety rule applied, so an operator in the middle
/// of a flapping incident is told why not, with the suspicious peers named.
/// </summary>
public static class AssassinateCommand
{
    public static Command Create(GossipctlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = new Argument<string>("ENDPOINT") { Description = "Gossip address of the endpoint to remove, HOST:PORT" };
        var confirm = ConfirmOption.Create();
        var force = new Option<bool>("--force") { Description = "Assassinate even while more than 20 % of peers have phi above 7.5" };
        var command = new Command("assassinate", "Forcibly remove an endpoint from gossip (generation + 1, LEFT); refused while the cluster is unstable")
        {
            endpoint,
            confirm,
            force,
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

                var forced = parseResult.GetValue(force);
                var verdict = AssassinationSafety.Evaluate(target.ToString(), await client.GetFailureDetectorAsync(ct), forced);
                if (!verdict.Allowed)
                {
                    await error.WriteLineAsync($"gossipctl: assassinate {target} {verdict.Reason}");
                    return ExitCodes.Refused;
                }

                if (verdict.SuspiciousPeers.Count > 0)
                {
                    await error.WriteLineAsync($"warning: {verdict.Reason}");
                }

                try
                {
                    var result = await client.AssassinateAsync(target.ToString(), confirm: true, forced, ct);
                    await output.WriteLineAsync(string.Create(
                        CultureInfo.InvariantCulture,
                        $"assassinated {result.Endpoint}: published generation {result.Generation} with STATUS LEFT"));
                    return ExitCodes.Success;
                }
                catch (AdminClientException ex) when (ex.HttpStatus == 409)
                {
                    // The node applies the same rule with fresher data; its refusal is a refusal, not a fault.
                    await error.WriteLineAsync($"gossipctl: {ex.Message}");
                    return ExitCodes.Refused;
                }
            },
            cancellationToken));
        return command;
    }
}
