using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GossipActors.AdminClient.Checks;
using GossipActors.AdminClient.Contract;
using GossipActors.AdminClient.Safety;

namespace GossipActors.Cli.Commands;

/// <summary>
/// <c>gossipctl check</c>: the read-only gate for CI and cron. It reads the node's /status, /failuredetector,
/// /health and /describecluster, judges them with <see cref="NodeCheck"/>, and exits 0 when every rule passes, or
/// <see cref="ExitCodes.CheckFailed"/> plus the bit of each failed rule.
/// </summary>
public static class CheckCommand
{
    public static Command Create(GossipctlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var phi = new Option<double>("--phi")
        {
            Description = "A live peer with a phi above this is suspicious",
            DefaultValueFactory = _ => AssassinationSafety.SuspicionPhi,
        };
        var percent = new Option<double>("--max-suspicious-percent")
        {
            Description = "Fail when more than this percentage of live peers are suspicious",
            DefaultValueFactory = _ => AssassinationSafety.MaxSuspiciousPercent,
        };
        var backlog = new Option<long?>("--max-backlog-ms")
        {
            Description = "Fail when the gossip stage is further behind than this; default: the node's gossip.failure-detector.backlog-threshold",
        };
        var skew = new Option<long?>("--max-clock-skew-ms")
        {
            Description = "Fail when a peer's clock is further than this from the node's; default: the node's gossip.clock-skew-warning",
        };
        var json = new Option<bool>("--json") { Description = "Print every figure and the failed rules as JSON" };
        phi.Validators.Add(r => RequireNonNegative(r, "--phi"));
        percent.Validators.Add(r => RequireNonNegative(r, "--max-suspicious-percent"));
        backlog.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--max-backlog-ms must not be negative");
            }
        });
        skew.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is < 0)
            {
                r.AddError("--max-clock-skew-ms must not be negative");
            }
        });
        var command = new Command("check", "Read-only health gate: phi, gossip backlog, convergence, settings parity and clock skew; exit 0 when healthy") { phi, percent, backlog, skew, json };
        command.SetAction((parseResult, cancellationToken) => AdminInvocation.RunAsync(
            parseResult,
            options,
            async (client, output, _, ct) =>
            {
                var status = client.GetStatusAsync(ct);
                var detector = client.GetFailureDetectorAsync(ct);
                var health = client.GetHealthAsync(ct);
                var cluster = client.DescribeClusterAsync(ct);
                var thresholds = new CheckThresholds(parseResult.GetValue(phi), parseResult.GetValue(percent), parseResult.GetValue(backlog), parseResult.GetValue(skew));
                var report = NodeCheck.Evaluate(await status, await detector, await health, await cluster, thresholds);
                await output.WriteLineAsync(parseResult.GetValue(json)
                    ? JsonSerializer.Serialize(report, AdminJsonContext.Default.CheckReport)
                    : Render(report));
                return ExitCode(report);
            },
            cancellationToken));
        return command;
    }

    public static int ExitCode(CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Healthy)
        {
            return ExitCodes.Success;
        }

        var code = ExitCodes.CheckFailed;
        code |= report.Phi.Passed ? 0 : ExitCodes.CheckPhiBit;
        code |= report.Backlog.Passed ? 0 : ExitCodes.CheckBacklogBit;
        code |= report.Converged.Passed ? 0 : ExitCodes.CheckNotConvergedBit;
        code |= report.Config.Passed ? 0 : ExitCodes.CheckConfigDriftBit;
        code |= report.Clock.Passed ? 0 : ExitCodes.CheckClockSkewBit;
        return code;
    }

    private static string Render(CheckReport report)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"check {report.Node}: ")
            .Append(report.Healthy ? "healthy" : $"FAILED ({string.Join(", ", report.Failed)})").Append('\n');
        Line(text, NodeCheck.PhiRule, report.Phi.Passed, report.Phi.Detail);
        Line(text, NodeCheck.BacklogRule, report.Backlog.Passed, report.Backlog.Detail);
        Line(text, NodeCheck.ConvergedRule, report.Converged.Passed, report.Converged.Detail);
        Line(text, NodeCheck.ConfigRule, report.Config.Passed, report.Config.Detail);
        Line(text, NodeCheck.ClockRule, report.Clock.Passed, report.Clock.Detail);
        return text.ToString().TrimEnd('\n');
    }

    private static void Line(StringBuilder text, string rule, bool passed, string detail) =>
        text.Append(CultureInfo.InvariantCulture, $"  {rule,-10} {(passed ? "ok" : "FAILED"),-6}  {detail}\n");

    private static void RequireNonNegative(System.CommandLine.Parsing.OptionResult result, string name)
    {
        if (!(result.GetValueOrDefault<double>() >= 0))
        {
            result.AddError($"{name} must be a number of at least 0");
        }
    }
}
