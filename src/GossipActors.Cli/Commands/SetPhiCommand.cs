using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using GossipActors.AdminClient.Contract;
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
        var window = new Option<TimeSpan?>("--for")
        {
            Description = "Restore the current threshold after this long (90s, 10m, 1h; at most 7d); the node restores it by itself",
            HelpName = "DURATION",
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (!HoconDuration.TryParse(token, out var duration, out var problem))
                {
                    result.AddError($"setphi --for: '{token}' is not a duration: {problem}");
                    return null;
                }

                if (duration <= TimeSpan.Zero || duration > FailureDetectorCore.MaxThresholdWindow)
                {
                    result.AddError($"setphi --for: the window must be more than 0 and at most {FailureDetectorCore.MaxThresholdWindow.TotalDays:0} days, not '{token}'");
                    return null;
                }

                return duration;
            },
        };
        var confirm = ConfirmOption.Create();
        var json = JsonOption.Create();
        var command = new Command("setphi", "Change the phi convict threshold of the node's failure detector (in memory only), for a window with --for") { value, window, confirm, json };
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

                var forMs = parseResult.GetValue(window) is { } duration ? (long)Math.Ceiling(duration.TotalMilliseconds) : (long?)null;
                var change = await client.SetPhiAsync(new SetPhiRequest(threshold, Confirm: true, forMs), ct);
                await output.WriteLineAsync(parseResult.GetValue(json)
                    ? JsonSerializer.Serialize(change, AdminJsonContext.Default.SetPhiResponse)
                    : change.Message);
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
