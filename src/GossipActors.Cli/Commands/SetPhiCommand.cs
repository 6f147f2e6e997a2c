using System.CommandLine;
using System.Globalization;
using GossipActors.Hocon;
using GossipActors.Protocol.FailureDetection;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl setphi VALUE --confirm</c>: change the phi convict threshold at run time. The range
/// is checked here as well as on the node so a typo never leaves the operator's machine.
/// </summary>
public static class SetPhiCommand
{
    public static Command Create(GossipctlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = new Argument<double>("VALUE")
        {
            Description = string.Create(
                CultureInfo.InvariantCulture,
                $"New phi convict threshold (5-16; {HoconConfig.Reference.GetDouble(FailureDetectorSettingKeys.PhiConvictThreshold)} is the default, 10-12 suits noisy networks)"),
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                {
                    return parsed;
                }

                result.AddError($"setphi: VALUE must be a number such as 10 or 12.5, not '{token}'");
                return 0;
            },
        };
        var confirm = ConfirmOption.Create();
        var command = new Command("setphi", "Change the phi convict threshold of the node's failure detector (in memory only)") { value, confirm };
        command.SetAction((parseResult, cancellationToken) => AdminInvocation.RunAsync(
            parseResult,
            options,
            async (client, output, error, ct) =>
            {
                var threshold = parseResult.GetValue(value);
                var (invalid, _) = FailureDetectorSettings.ValidatePhiConvictThreshold(threshold);
                if (invalid is not null)
                {
                    await error.WriteLineAsync($"gossipctl: setphi: {invalid}");
                    return ExitCodes.Usage;
                }

                if (!parseResult.GetValue(confirm))
                {
                    var text = threshold.ToString(CultureInfo.InvariantCulture);
                    await error.WriteLineAsync(ConfirmOption.Missing($"setphi {text}", client.AdminAddress));
                    return ExitCodes.Usage;
                }

                var change = await client.SetPhiAsync(threshold, confirm: true, ct);
                await output.WriteLineAsync(change.Message);
                if (change.Warning is not null)
                {
                    await error.WriteLineAsync($"warning: {change.Warning}");
                }

                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }
}
