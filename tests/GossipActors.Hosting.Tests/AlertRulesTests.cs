using System.Diagnostics;
using GossipActors.Hosting.Metrics;
using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>docs/prometheus/gossip-alerts.yml: valid for promtool, its alerts fire on the series they are for, and it names only metrics the node exposes.</summary>
public sealed class AlertRulesTests
{
    private static readonly string Directory = Path.Combine(RepositoryRoot(), "docs", "prometheus");

    [PromtoolFact]
    public async Task Promtool_accepts_the_rules_and_their_unit_tests_pass()
    {
        var check = await RunAsync("check", "rules", "gossip-alerts.yml");
        Assert.True(check.Code == 0, check.Output);
        Assert.Contains("SUCCESS: 7 rules found", check.Output, StringComparison.Ordinal);

        var test = await RunAsync("test", "rules", "gossip-alerts.test.yml");
        Assert.True(test.Code == 0, test.Output);
    }

    [Fact]
    public void Every_metric_the_rules_use_is_one_the_node_exposes()
    {
        var rules = File.ReadAllText(Path.Combine(Directory, "gossip-alerts.yml"));
        var exposed = GossipMetrics.All.Select(d => d.PrometheusName).ToHashSet(StringComparer.Ordinal);
        var used = System.Text.RegularExpressions.Regex.Matches(rules, @"gossipactors_[a-z_]+").Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.True(exposed.Contains(name), $"{name} is used by the rules but not exposed"));
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Promtool.Path!) { WorkingDirectory = Directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GossipActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no GossipActors.sln above {AppContext.BaseDirectory}");
    }
}
