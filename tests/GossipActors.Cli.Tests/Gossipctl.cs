using GossipActors.Cli;
using GossipActors.Cli.Commands;

namespace GossipActors.Cli.Tests;

/// <summary>Runs the real gossipctl root command in-process with captured stdout and stderr.</summary>
public static class Gossipctl
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var options = new GossipctlOptions(() => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
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
