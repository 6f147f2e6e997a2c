using GossipActors.Cli;
using GossipActors.Cli.Commands;

namespace GossipActors.Cli.Tests;

/// <summary>Runs the real gossipctl root command in-process with captured stdout and stderr.</summary>
public static class Gossipctl
{
    /// <summary>With an empty environment, so a GOSSIP_ADMIN_TOKEN of the machine running the tests changes nothing.</summary>
    public static Task<CliResult> RunAsync(params string[] args) => RunWithEnvironmentAsync(new Dictionary<string, string>(), args);

    public static async Task<CliResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var options = new GossipctlOptions(
            () => new HttpClient { Timeout = TimeSpan.FromSeconds(30) },
            name => environment.TryGetValue(name, out var value) ? value : null);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GossipCtl.RunAsync(args, output, error, options);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}
