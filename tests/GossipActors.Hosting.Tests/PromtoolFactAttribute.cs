using Xunit;

namespace GossipActors.Hosting.Tests;

/// <summary>
/// A fact that needs Prometheus's <c>promtool</c> on PATH (Debian's <c>prometheus</c> package, which .ci/run
/// installs): reported as skipped, with the reason, where it is missing.
/// </summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Promtool.Path is null)
        {
            Skip = "promtool is not on PATH (apt-get install prometheus provides it): docs/prometheus/gossip-alerts.yml was not checked";
        }
    }
}

public static class Promtool
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(dir => System.IO.Path.Combine(dir, "promtool"))
        .FirstOrDefault(File.Exists);
}
